// core/util/parallel (issue 13): the one worker pool. A worker's exception reaches the caller
// as an exception (never std::terminate), the other workers stop taking work, and every thread
// is joined before the call returns.
#include <QtTest>

#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>
#include <vector>

#include "core/util/error.h"
#include "core/util/parallel.h"

using namespace winnow::core;

namespace {

// Threads of this process now (the "Threads:" line of /proc/self/status).
int threadCount() {
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("Threads:", 0) == 0) return std::stoi(line.substr(8));
    return -1;
}

}  // namespace

class TestParallel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyIndexExactlyOnce() {
        for (int threads : {1, 3, 8}) {
            const size_t n = 10007;
            std::vector<std::atomic<int>> hits(n);
            std::atomic<int> badWorker{0};
            parallelFor("counting", n, threads, [&](size_t i, int worker) {
                hits[i]++;
                if (worker < 0 || worker >= threads) badWorker++;
            });
            for (size_t i = 0; i < n; ++i) QCOMPARE(hits[i].load(), 1);
            QCOMPARE(badWorker.load(), 0);
        }
        int calls = 0;
        parallelFor("nothing", 0, 4, [&](size_t, int) { ++calls; });
        QCOMPARE(calls, 0);
    }

    void workerErrorReachesTheCallerAndStopsTheOthers() {
        const int before = threadCount();
        const size_t n = 1000000;
        std::atomic<bool> thrown{false};
        std::atomic<size_t> calls{0};
        std::atomic<int> inFlight{0};
        try {
            parallelFor("reading items", n, 4, [&](size_t i, int) {
                inFlight++;
                calls++;
                if (i == 0) {
                    thrown = true;
                    inFlight--;
                    throw Error("item 0: cannot read /data/x.png");
                }
                // No call passes before the failure; each one after it is slow, so a pool that
                // kept going would take every index (and minutes) instead of stopping.
                while (!thrown) std::this_thread::yield();
                std::this_thread::sleep_for(std::chrono::microseconds(50));
                inFlight--;
            });
            QFAIL("the worker's error did not reach the caller");
        } catch (const Error& e) {
            QCOMPARE(std::string(e.what()), std::string("item 0: cannot read /data/x.png"));  // as thrown
        }
        QVERIFY2(calls.load() < n, std::to_string(calls.load()).c_str());
        QCOMPARE(inFlight.load(), 0);           // every call had finished: all workers joined
        QCOMPARE(threadCount(), before);        // and no thread is left behind
    }

    void foreignExceptionsBecomeErrorsNamingTheWork() {
        try {
            parallelFor("decoding frames", 100, 4, [](size_t i, int) {
                if (i == 42) throw std::runtime_error("cv::Exception: insufficient memory");
            });
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(std::string(e.what()), std::string("decoding frames failed: cv::Exception: insufficient memory"));
        }
        try {
            parallelFor("decoding frames", 100, 4, [](size_t i, int) {
                if (i == 7) throw 42;
            });
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("decoding frames failed (an unknown exception") == 0, e.what());
        }
    }

    void cancelStopsTheWorkersAndThrowsCancelled() {
        CancelToken cancel;
        std::atomic<size_t> calls{0};
        const size_t n = 1000000;
        QVERIFY_THROWS_EXCEPTION(Cancelled, parallelFor("scanning", n, 3, [&](size_t i, int) {
            calls++;
            if (i == 10) cancel.cancel();
            if (cancel.cancelled()) std::this_thread::sleep_for(std::chrono::microseconds(50));
        }, &cancel));
        QVERIFY2(calls.load() < n, std::to_string(calls.load()).c_str());
        // Cancelled thrown by a worker itself stays Cancelled.
        QVERIFY_THROWS_EXCEPTION(Cancelled, parallelFor("scanning", 50, 3, [](size_t i, int) {
            if (i == 3) throw Cancelled();
        }));
    }

    void workerThreadsKeepWhatEscapesAWorker() {
        std::atomic<int> reported{0};
        std::exception_ptr seen;
        {
            WorkerThreads w(3, [](int worker) {
                if (worker == 1) throw Error("worker 1 failed");
            }, [&](std::exception_ptr e) {
                reported++;
                seen = e;
            });
            QCOMPARE(w.started(), 3);
            w.join();
            QVERIFY(w.error() != nullptr);
            QCOMPARE(reported.load(), 1);
            try {
                std::rethrow_exception(w.error());
            } catch (const Error& e) {
                QCOMPARE(std::string(e.what()), std::string("worker 1 failed"));
            }
        }
        QVERIFY(seen != nullptr);
    }
};

QTEST_GUILESS_MAIN(TestParallel)
#include "tst_parallel.moc"
