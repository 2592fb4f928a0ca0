// SingleThreadedBlas: nested and concurrent holders are counted; OpenBLAS's previous thread
// count comes back only when the last holder ends (read back from OpenBLAS itself).
#include "core/train/cpu_tuning.h"

#include <QtTest>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

using namespace winnow::core;

class TestCpuTuning : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Every case starts from 4 threads; OpenBLAS is what Debian's LibTorch and .ci/install-deps.sh
    // ship, so its absence is a failure, not a skip.
    void init() { QVERIFY2(setOpenBlasThreads(4), "this LibTorch does not use OpenBLAS"); }

    // The setter and the reader both talk to OpenBLAS: a value set is a value read back, and a
    // second, different value too (a reader that returned a constant would fail here).
    void threadCountReadsBackFromOpenBlas() {
        QCOMPARE(openBlasThreads(), 4);
        QVERIFY(setOpenBlasThreads(3));
        QCOMPARE(openBlasThreads(), 3);
    }

    void nestedHoldersRestoreOnce() {
        {
            SingleThreadedBlas outer;
            QCOMPARE(openBlasThreads(), 1);
            {
                SingleThreadedBlas inner;
                QCOMPARE(openBlasThreads(), 1);
            }
            QCOMPARE(openBlasThreads(), 1);  // the outer holder still needs one thread
        }
        QCOMPARE(openBlasThreads(), 4);
    }

    void holdersOnOtherThreadsOverlap() {
        std::mutex mu;
        std::condition_variable cv;
        int step = 0;
        auto waitFor = [&](int s) {
            std::unique_lock<std::mutex> l(mu);
            cv.wait(l, [&] { return step >= s; });
        };
        auto advance = [&](int s) {
            std::lock_guard<std::mutex> l(mu);
            step = s;
            cv.notify_all();
        };
        int seenByA = 0, seenByB = 0, afterA = 0;
        std::thread a([&] {
            std::optional<SingleThreadedBlas> h(std::in_place);
            advance(1);
            waitFor(2);  // B holds too
            seenByA = openBlasThreads();
            h.reset();   // A ends first
            afterA = openBlasThreads();
            advance(3);
        });
        std::thread b([&] {
            waitFor(1);
            std::optional<SingleThreadedBlas> h(std::in_place);
            seenByB = openBlasThreads();
            advance(2);
            waitFor(3);
        });
        a.join();
        b.join();
        QCOMPARE(seenByA, 1);
        QCOMPARE(seenByB, 1);
        QCOMPARE(afterA, 1);              // B still held
        QCOMPARE(openBlasThreads(), 4);   // both ended
    }

    // After keepTrainingBuffersMapped a 16 MiB block comes from the heap, not from an mmap of
    // its own (glibc's default threshold is 128 KiB, growing only after such blocks are freed).
    void trainingBuffersComeFromTheHeap() {
#if defined(__GLIBC__)
        keepTrainingBuffersMapped();
        const auto before = mallinfo2().hblks;
        void* block = malloc(16 << 20);
        QVERIFY(block);
        const auto during = mallinfo2().hblks;
        free(block);
        QCOMPARE(during, before);
#else
        QSKIP("glibc only");
#endif
    }
};

QTEST_GUILESS_MAIN(TestCpuTuning)
#include "tst_cpu_tuning.moc"
