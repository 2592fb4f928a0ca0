#pragma once
// Process settings under LibTorch that decide CPU training speed (bench/RESULTS.md, issue 3).
//
// BLAS threads. On the CPU LibTorch parallelises convolutions and element-wise work with its
// own OpenMP pool (torch threads) and hands matrix products to the system BLAS. Debian's
// OpenBLAS is multi-threaded too, and its idle workers spin (sched_yield) after every
// product, so during training two pools compete for the same cores and each batch's OpenMP
// regions wait for a core an OpenBLAS thread is spinning on. Training's products are small
// (a batch times a layer), so one BLAS thread loses little. A SingleThreadedBlas object
// holds OpenBLAS at one thread while it lives; concurrent and nested holders are counted and
// the previous count comes back when the last one ends. Influence scoring (large products,
// no OpenMP pool of its own) runs outside any holder and keeps every BLAS thread. With a
// BLAS that is not OpenBLAS (MKL in CUDA LibTorch builds, governed by torch's own thread
// setting) it does nothing.
//
// Allocator. Every batch allocates and frees the same activation buffers (hundreds of KiB
// each). glibc serves such sizes with mmap/munmap until its adaptive threshold has grown,
// so the first epoch pays a page fault per touched page of every buffer, every batch.
// keepTrainingBuffersMapped() fixes the thresholds once per process (blocks under 32 MiB
// come from the heap, which keeps up to 128 MiB of free top before returning it).
namespace winnow::core {

class SingleThreadedBlas {
public:
    SingleThreadedBlas();
    ~SingleThreadedBlas();
    SingleThreadedBlas(const SingleThreadedBlas&) = delete;
    SingleThreadedBlas& operator=(const SingleThreadedBlas&) = delete;
};

// OpenBLAS's current thread count, or -1 when the process does not use OpenBLAS.
int openBlasThreads();
// Sets OpenBLAS's thread count (n >= 1); false when the process does not use OpenBLAS. A
// count set while a SingleThreadedBlas lives is overwritten when the last holder ends.
bool setOpenBlasThreads(int n);

// Idempotent; a no-op off glibc.
void keepTrainingBuffersMapped();

}  // namespace winnow::core
