mod check;
mod examples;
mod invalid;
