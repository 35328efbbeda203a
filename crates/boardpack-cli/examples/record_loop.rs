//! Profiling driver: the full record (read + parse + extract) of the given files, `REPS`
//! times over (default 200), for `perf record` / `callgrind`. Usage:
//! `record_loop [--reps N] FILE...`.

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut reps = 200usize;
    if let Some(i) = args.iter().position(|a| a == "--reps") {
        reps = args[i + 1].parse().expect("--reps N");
        args.drain(i..i + 2);
    }
    let inputs: Vec<Vec<u8>> = args
        .iter()
        .map(|f| std::fs::read(f).expect("read"))
        .collect();
    for _ in 0..reps {
        for input in &inputs {
            let doc = boardpack_read::read(input).expect("readable");
            std::hint::black_box(boardpack_app::record(&doc));
        }
    }
}
