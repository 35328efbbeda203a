//! The `boardpack` binary: a tiny `main` over [`boardpack_cli::run`].

fn main() {
    std::process::exit(boardpack_cli::main_with_args(std::env::args_os()));
}
