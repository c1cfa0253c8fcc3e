mod archive;
mod build;
mod check;
mod examples;
mod init;
mod invalid;
mod properties;
mod stages;
