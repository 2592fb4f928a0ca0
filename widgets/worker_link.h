#pragma once
#include <QMetaObject>

#include <functional>
#include <mutex>

namespace winnow::widgets {

// Shared (through a shared_ptr) between a GUI object that starts a JobRunner job and the job's
// worker: the worker posts to `target` only under the mutex, and the object detaches itself
// under the same mutex before it dies, so a worker never touches a deleted object.
template <class T>
struct WorkerLink {
    std::mutex mutex;
    T* target = nullptr;

    // Runs `f(target)` on the target's thread, unless the target has detached.
    void post(std::function<void(T*)> f) {
        std::lock_guard lock(mutex);
        if (target)
            QMetaObject::invokeMethod(target, [t = target, f = std::move(f)] { f(t); }, Qt::QueuedConnection);
    }
    void detach() {
        std::lock_guard lock(mutex);
        target = nullptr;
    }
};

}  // namespace winnow::widgets
