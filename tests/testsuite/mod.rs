mod archive;
mod build;
mod check;
mod examples;
mod invalid;
mod stages;
