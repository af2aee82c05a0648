#include "bigcert/batch/batch.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "bigcert/core/cancellation.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/core/game_kind.hpp"
#include "bigcert/io/file_access.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/solver/receivers_output.hpp"
#include "bigcert/solver/solver.hpp"

namespace bigcert {

namespace {

// The output file is the user's input (docs/cli.md "Exit codes"): an unusable one is exit 2, with the reason.
InputError system_error(const std::string& what, const std::string& path) {
    return InputError("", what + " " + path + ": " + std::strerror(errno));
}

// The id of a line: its "name" when the line is an object with a string name, else the line number.
Json item_id(const std::string& text, std::size_t line_number) {
    Json parsed = Json::parse(text, nullptr, false);
    if (parsed.is_object()) {
        auto name = parsed.find("name");
        if (name != parsed.end() && name->is_string() && !name->get<std::string>().empty()) return *name;
    }
    return line_number;
}

void write_all(int fd, const std::string& data, const std::string& path) {
    // One write(2) per line: a kill lands between lines, and a rare short write leaves a torn last line
    // that recover_batch_output() removes.
    std::size_t done = 0;
    while (done < data.size()) {
        ssize_t written = ::write(fd, data.data() + done, data.size() - done);
        if (written < 0) {
            if (errno == EINTR) continue;
            throw system_error("cannot write", path);
        }
        done += static_cast<std::size_t>(written);
    }
}

std::string error_kind(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const InputError&) {
        return "input";
    } catch (const UnsupportedError&) {
        return "unsupported";
    } catch (const LimitError&) {
        return "limit";
    } catch (const InternalError&) {
        return "internal";
    } catch (...) {
        return "other";
    }
}

}  // namespace

Shard parse_shard(const std::string& text, const std::string& option) {
    std::size_t slash = text.find('/');
    Shard shard;
    try {
        if (slash == std::string::npos) throw std::invalid_argument("no slash");
        std::size_t used_k = 0, used_n = 0;
        std::string k = text.substr(0, slash), n = text.substr(slash + 1);
        shard.index = std::stoul(k, &used_k);
        shard.count = std::stoul(n, &used_n);
        if (used_k != k.size() || used_n != n.size() || k[0] == '-' || n[0] == '-')
            throw std::invalid_argument("junk");
    } catch (const std::exception&) {
        throw InputError(option, "expected k/N with 1 <= k <= N, got \"" + text + "\"");
    }
    if (shard.count == 0 || shard.index == 0 || shard.index > shard.count)
        throw InputError(option, "expected k/N with 1 <= k <= N, got \"" + text + "\"");
    return shard;
}

std::vector<BatchItem> read_batch_input(const std::string& path) {
    return read_batch_lines(read_whole_file("", path));
}

std::vector<BatchItem> read_batch_lines(const std::string& text) {
    std::istringstream in(text);
    std::vector<BatchItem> items;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        items.push_back({item_id(line, number), line});
    }
    return items;
}

std::set<std::string> recover_batch_output(const std::string& path, const std::string& run) {
    std::set<std::string> done;
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0 && errno == ENOENT) return done;  // no output yet
    std::string content = read_whole_file("", path);
    std::size_t complete = content.rfind('\n');
    complete = complete == std::string::npos ? 0 : complete + 1;
    std::istringstream lines(content.substr(0, complete));
    std::string line;
    for (std::size_t number = 1; std::getline(lines, line); ++number) {
        if (line.empty()) continue;
        Json parsed = Json::parse(line, nullptr, false);
        if (!parsed.is_object() || !parsed.contains("id"))
            throw InputError(path + ":" + std::to_string(number),
                             "not a batch result line; refusing to append");
        if (batch_line_run(parsed) != run)
            throw InputError(
                path + ":" + std::to_string(number),
                "written by a different batch run: " + batch_run_difference(batch_line_run(parsed), run) +
                    "; refusing to mix their results (give another output file)");
        done.insert(parsed["id"].dump());
    }
    // Only a file of this run is repaired.
    if (complete < content.size() && ::truncate(path.c_str(), static_cast<off_t>(complete)) != 0)
        throw system_error("cannot truncate the torn last line of", path);
    return done;
}

std::string batch_result_line(const BatchItem& item, const BatchOptions& options) {
    throw_if_cancelled();
    Json line;
    line["id"] = item.id;
    if (!options.run.empty()) line["run"] = options.run;
    if (!item.params.is_null()) line["params"] = item.params;
    try {
        Instance instance = load_instance_text(item.text, options.limits);
        if (options.analyze) {
            line[options.analysis_key] = options.analyze(instance);
            return line.dump() + "\n";
        }
        if (classify_game(instance) == GameKind::several_receivers) {  // `solve --json`'s answer (§8)
            line["solution"] = several_receivers_answer_json(instance);
            if (options.annotate) options.annotate(instance, nullptr, line);
            return line.dump() + "\n";
        }
        SolveOptions solve_options;
        solve_options.threads = 1;  // the batch is parallel across instances
        Solution solution = solve(instance, solve_options);
        line["solution"] = solution_json(instance, solution);
        if (options.annotate) options.annotate(instance, &solution, line);
    } catch (const std::exception& error) {
        // A stopped run (a signal, --time-limit) says nothing about this instance: no line for it, so that
        // resuming computes it.
        if (cancellation_requested()) throw CancelledError(cancellation_cause());
        line["error"] = error.what();
        line["error_kind"] = error_kind(std::current_exception());
    }
    return line.dump() + "\n";
}

std::size_t run_batch(const std::vector<BatchItem>& all_items, const std::string& output_path,
                      const BatchOptions& options) {
    std::set<std::string> done = recover_batch_output(output_path, options.run);
    std::vector<const BatchItem*> todo;
    std::set<std::string> queued;  // duplicate ids in the input: the first one wins, like in merge
    for (const BatchItem& item : all_items) {
        std::string key = item.id.dump();
        if (!done.count(key) && queued.insert(key).second) todo.push_back(&item);
    }
    int fd = ::open(output_path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) throw system_error("cannot open", output_path);

    unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
    unsigned workers = static_cast<unsigned>(std::min<std::size_t>(
        options.threads == 0 ? hardware : options.threads, std::max<std::size_t>(1, todo.size())));
    std::vector<std::optional<std::string>> results(todo.size());
    std::mutex mutex;
    std::condition_variable ready;
    std::atomic<std::size_t> next{0};
    std::exception_ptr worker_failure;  // under mutex; ends the run (e.g. a cancellation)
    std::vector<std::thread> threads;
    for (unsigned w = 0; w < workers; ++w)
        threads.emplace_back([&] {
            for (std::size_t k; (k = next.fetch_add(1)) < todo.size();) {
                std::optional<std::string> line;
                std::exception_ptr failure;
                try {
                    line = batch_result_line(*todo[k], options);
                } catch (...) {
                    failure = std::current_exception();
                }
                std::lock_guard<std::mutex> lock(mutex);
                if (failure) {
                    if (!worker_failure) worker_failure = failure;
                    next = todo.size();
                    ready.notify_all();
                    return;
                }
                results[k] = std::move(line);
                ready.notify_one();
            }
        });
    // Lines go out in input order, so a run is reproducible byte for byte whatever the thread count.
    std::exception_ptr failure;
    std::size_t written = 0;
    try {
        for (; written < todo.size(); ++written) {
            std::string line;
            {
                std::unique_lock<std::mutex> lock(mutex);
                ready.wait(lock, [&] { return results[written].has_value() || worker_failure; });
                if (!results[written]) std::rethrow_exception(worker_failure);
                line = std::move(*results[written]);
                results[written].reset();
            }
            write_all(fd, line, output_path);
            if (options.progress) options.progress(written + 1, todo.size());
        }
    } catch (...) {
        failure = std::current_exception();
        next = todo.size();  // let the workers stop after their current item
    }
    for (std::thread& t : threads) t.join();
    ::fsync(fd);
    ::close(fd);
    if (failure) std::rethrow_exception(failure);
    return written;
}

}  // namespace bigcert
