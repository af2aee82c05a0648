#include "serve/job_slots.hpp"

namespace bigcert::serve {

std::optional<JobSlots::Ticket> JobSlots::enter() {
    std::unique_lock<std::mutex> lock(mutex_);
    if (running_ >= running_max_) {
        if (waiting_ >= waiting_max_) return std::nullopt;
        ++waiting_;
        freed_.wait(lock, [this] { return running_ < running_max_; });
        --waiting_;
    }
    ++running_;
    return Ticket(*this);
}

void JobSlots::release() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        --running_;
    }
    freed_.notify_one();
}

}  // namespace bigcert::serve
