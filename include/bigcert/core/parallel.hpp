// Splitting independent per-player work over the cores.
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace bigcert {

inline unsigned worker_count(unsigned requested, std::size_t items, std::size_t min_items_per_worker = 4096) {
    unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
    unsigned wanted = requested == 0 ? hardware : requested;
    std::size_t useful = std::max<std::size_t>(1, items / min_items_per_worker);
    return static_cast<unsigned>(std::min<std::size_t>(wanted, useful));
}

// Calls work(worker, begin, end) on contiguous chunks of [0, items), one thread per chunk.
// Exceptions from a worker are rethrown in the caller.
template <class Work>
void parallel_chunks(std::size_t items, unsigned workers, Work&& work) {
    if (workers <= 1) {
        work(0u, std::size_t{0}, items);
        return;
    }
    std::vector<std::thread> threads;
    std::vector<std::exception_ptr> errors(workers);
    for (unsigned w = 0; w < workers; ++w) {
        std::size_t begin = items * w / workers, end = items * (w + 1) / workers;
        threads.emplace_back([&, w, begin, end] {
            try {
                work(w, begin, end);
            } catch (...) {
                errors[w] = std::current_exception();
            }
        });
    }
    for (std::thread& t : threads) t.join();
    for (const std::exception_ptr& e : errors)
        if (e) std::rethrow_exception(e);
}

// Runs first() and second() at once on two threads when `concurrently`, else one after the other.
// Exceptions are rethrown in the caller (the first one's first).
template <class First, class Second>
void parallel_tasks(bool concurrently, First&& first, Second&& second) {
    if (!concurrently) {
        first();
        second();
        return;
    }
    std::exception_ptr error;
    std::thread helper([&] {
        try {
            first();
        } catch (...) {
            error = std::current_exception();
        }
    });
    try {
        second();
    } catch (...) {
        helper.join();
        if (error) std::rethrow_exception(error);
        throw;
    }
    helper.join();
    if (error) std::rethrow_exception(error);
}

}  // namespace bigcert
