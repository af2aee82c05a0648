// Admission of work (docs/serve.md): at most `running` jobs at once, at most `waiting` more queued; beyond
// that a request is refused at once (HTTP 503) instead of piling up, so a burst of slow requests cannot stall
// the server.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>

namespace bigcert::serve {

class JobSlots {
  public:
    JobSlots(std::size_t running, std::size_t waiting) : running_max_(running), waiting_max_(waiting) {}

    // Held while a job runs; releases its slot when destroyed.
    class Ticket {
      public:
        explicit Ticket(JobSlots& slots) : slots_(&slots) {}
        Ticket(Ticket&& other) noexcept : slots_(other.slots_) { other.slots_ = nullptr; }
        Ticket(const Ticket&) = delete;
        Ticket& operator=(const Ticket&) = delete;
        Ticket& operator=(Ticket&&) = delete;
        ~Ticket() {
            if (slots_) slots_->release();
        }

      private:
        JobSlots* slots_;
    };

    // Waits for a free slot; nothing when the queue is full (the caller answers "busy").
    std::optional<Ticket> enter();

  private:
    void release();

    const std::size_t running_max_, waiting_max_;
    std::size_t running_ = 0, waiting_ = 0;
    std::mutex mutex_;
    std::condition_variable freed_;
};

}  // namespace bigcert::serve
