//! The audit of adversarial `local.json` texts from 64 KiB to 1 MiB: linear time means
//! each doubling of the size doubles the time.

use std::time::Duration;

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use onlyoffice_jwt::audit::{audit_ds_config, AuditOptions};

#[path = "../tests/support/adversarial.rs"]
mod adversarial;

fn bench(c: &mut Criterion) {
    let options = AuditOptions::default();
    let mut group = c.benchmark_group("audit");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(300));
    group.measurement_time(Duration::from_secs(1));
    for kib in [64, 128, 256, 512, 1024] {
        for (shape, text) in adversarial::shapes(kib * 1024) {
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(
                BenchmarkId::new(shape, format!("{kib} KiB")),
                &text,
                |b, text| b.iter(|| audit_ds_config(black_box(text), &options)),
            );
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
