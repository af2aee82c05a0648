#include "bigcert/io/solution_writer.hpp"

#include <gmp.h>

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <iomanip>
#include <memory>
#include <mutex>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include "bigcert/core/box_answer.hpp"
#include "bigcert/core/display_text.hpp"
#include "bigcert/core/player_list.hpp"
#include "bigcert/core/receiver_offsets.hpp"
#include "io/box_loss.hpp"
#include "io/line_loss_text.hpp"

namespace bigcert {
namespace {

void write_vector(std::ostream& out, const Vector& v) {
    out << '[';
    for (std::size_t j = 0; j < v.size(); ++j) out << (j ? ", \"" : "\"") << to_string(v[j]) << '"';
    out << ']';
}

void write_indices(std::ostream& out, const std::vector<std::size_t>& indices) {
    out << '[';
    for (std::size_t k = 0; k < indices.size(); ++k) out << (k ? ", " : "") << indices[k];
    out << ']';
}

const char* boolean(bool b) { return b ? "true" : "false"; }

// A coordinate known exactly ("3/2") or only enclosed (FORMAT.md: {"interval": [a, b], "approx": "..."}).
// With a root text, FORMAT.md's algebraic root form: the unique root of the polynomial in the interval.
void write_enclosure(std::ostream& out, const Enclosure& e, const std::string& root = {}) {
    if (e.is_exact()) {
        out << '"' << to_string(e.lo) << '"';
        return;
    }
    out << "{";
    if (!root.empty()) out << "\"root\": " << Json(root).dump() << ", ";
    out << "\"interval\": [\"" << to_string(e.lo) << "\", \"" << to_string(e.hi) << "\"], \"approx\": \""
        << to_decimal_approximation(e.midpoint(), 20) << "\"}";
}

void write_enclosures(std::ostream& out, const std::vector<Enclosure>& v,
                      const std::vector<std::string>& roots = {}) {
    out << '[';
    for (std::size_t j = 0; j < v.size(); ++j) {
        out << (j ? ", " : "");
        write_enclosure(out, v[j], j < roots.size() ? roots[j] : std::string());
    }
    out << ']';
}

// Curved sets: the equilibrium object with every irrational number enclosed (solution.hpp).
void write_enclosed_equilibrium(std::ostream& out, const Solution& s) {
    out << "[";
    for (std::size_t i = 0; i < s.action_enclosures.size(); ++i) {
        out << (i ? ", " : "");
        write_enclosures(out, s.action_enclosures[i],
                         i < s.action_roots.size() ? s.action_roots[i] : std::vector<std::string>{});
    }
    out << "],\n  \"receiver\": ";
    write_enclosures(out, s.receiver_enclosure, s.receiver_roots);
    out << ",\n  \"losses\": ";
    write_enclosures(out, s.loss_enclosures);
    out << ",\n  \"potential\": ";
    write_enclosure(out, s.potential_enclosure);
    out << "},\n \"enclosure\": {\"precision\": " << s.precision
        << ", \"proof\": " << Json(s.enclosure_proof).dump();
    if (!s.algebraic_note.empty()) out << ", \"algebraic\": " << Json(s.algebraic_note).dump();
    out << "},\n";
}

}  // namespace

std::string count_name(EquilibriumCount count) { return count == EquilibriumCount::one ? "one" : "infinite"; }

Json vector_json(const Vector& v) {
    Json result = Json::array();
    for (const Rational& x : v) result.push_back(to_string(x));
    return result;
}

namespace {

// Everything before the actions (shared with write_line_solution_json, so that both write the same bytes).
void write_head(std::ostream& out, const std::string& instance_name, const std::string& method) {
    out << "{\"format\": \"bigcert-solution/1\",\n \"instance\": " << Json(instance_name).dump()
        << ",\n \"status\": \"solved\",\n \"method\": " << Json(method).dump()
        << ",\n \"equilibrium\": {\n  \"actions\": ";
}

// Everything after the faces.
void write_tail(std::ostream& out, const std::string& set_description, const ExaggerationReport& e) {
    if (!set_description.empty())
        out << "],\n  \"description\": " << Json(set_description).dump() << "},\n";
    else
        out << "],\n  \"description\": \"every profile with x_i in conv(faces[i].vertices) for the listed "
               "players, "
               "the printed action for the others, and receiver equal to equilibrium.receiver\"},\n";
    out << " \"exaggeration\": {\"interior\": ";
    write_indices(out, e.interior);
    out << ", \"at_most_one_interior\": " << boolean(e.at_most_one_interior) << ", \"relative_interior\": ";
    write_indices(out, e.relative_interior);
    out << ", \"ever_interior\": ";
    write_indices(out, e.ever_interior);
    out << ", \"premise\": \"" << (e.premise_met ? "met" : "not met") << "\"";
    if (!e.premise_met) out << ", \"premise_detail\": " << Json(e.premise_detail).dump();
    out << ", \"interior_player_at_target\": " << boolean(e.interior_player_at_target) << "}\n}\n";
}

// Text written through a large buffer: 10^6 players' numbers as a few big writes, not millions of <<.
class TextBuffer {
  public:
    explicit TextBuffer(std::ostream& out) : out_(out), buffer_(1 << 16) {}
    ~TextBuffer() { flush(); }
    // Room for `size` more characters; write them at the returned pointer, then call commit(end).
    char* reserve(std::size_t size) {
        if (used_ + size > buffer_.size()) flush();
        if (size > buffer_.size()) buffer_.resize(size);
        return buffer_.data() + used_;
    }
    void commit(char* end) { used_ = static_cast<std::size_t>(end - buffer_.data()); }
    void put(std::string_view text) {
        if (text.size() > buffer_.size()) {  // large blocks go straight out, not through the buffer
            flush();
            out_.write(text.data(), static_cast<std::streamsize>(text.size()));
            return;
        }
        char* at = reserve(text.size());
        std::memcpy(at, text.data(), text.size());
        commit(at + text.size());
    }
    void flush() {
        out_.write(buffer_.data(), static_cast<std::streamsize>(used_));
        used_ = 0;
    }
    // The stream, with everything put so far written to it (for writers that write it directly).
    std::ostream& flushed_stream() {
        flush();
        return out_;
    }

  private:
    std::ostream& out_;
    std::vector<char> buffer_;
    std::size_t used_ = 0;
};

// ["x"]: a point of R^1 as write_vector writes it (at most 47 characters).
char* put_action(char* at, const SmallFraction& x) {
    *at++ = '[', *at++ = '"';
    at = write_small_fraction(at, x);
    *at++ = '"', *at++ = ']';
    return at;
}

void put_line_point(TextBuffer& text, const SmallFraction& x) {
    text.commit(put_action(text.reserve(48), x));
}

// Items `begin` to `end` of a list, each preceded by ", " except the first, each written by
// item(at, i) in at most `most` characters. Formatting through a small reused buffer (TextBuffer) keeps the
// text in cache; the block for another thread's share costs fresh pages, hence only for the second half.
template <class Sink, class Item>
void put_items(Sink& text, std::size_t begin, std::size_t end, std::size_t most, const Item& item) {
    for (std::size_t i = begin; i < end; ++i) {
        char* at = text.reserve(most);
        if (i) *at++ = ',', *at++ = ' ';
        text.commit(item(at, i));
    }
}

// "l" for a loss (at most 81 characters).
char* put_loss(char* at, const SmallFraction& offset) {
    *at++ = '"';
    at = write_small_fraction_squared(at, offset);
    *at++ = '"';
    return at;
}

// Text in one block for a chunk of items, allocated for the worst case and reused from chunk to chunk.
class TextBlock {
  public:
    explicit TextBlock(std::size_t capacity) : text_(new char[capacity]), capacity_(capacity) {}
    char* reserve(std::size_t size) {
        if (used_ + size > capacity_) throw std::logic_error("TextBlock: capacity exceeded");
        return text_.get() + used_;
    }
    void commit(char* end) { used_ = static_cast<std::size_t>(end - text_.get()); }
    void clear() { used_ = 0; }
    std::string_view view() const { return {text_.get(), used_}; }

  private:
    std::unique_ptr<char[]> text_;
    std::size_t capacity_, used_ = 0;
};

// Chunk k is written once chunk k − 1 is out; a failing thread stops the other.
class ChunkTurns {
  public:
    // Waits for chunk k's turn; false when the other thread failed.
    bool wait_for(std::size_t k) {
        std::unique_lock<std::mutex> lock(mutex_);
        turn_changed_.wait(lock, [&] { return failed_ || next_ == k; });
        return !failed_;
    }
    void done(std::size_t k) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            next_ = k + 1;
        }
        turn_changed_.notify_all();
    }
    void fail() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            failed_ = true;
        }
        turn_changed_.notify_all();
    }

  private:
    std::mutex mutex_;
    std::condition_variable turn_changed_;
    std::size_t next_ = 0;
    bool failed_ = false;
};

// A long list on two threads: chunks of a few MB, the even ones formatted by this thread and the odd ones by
// a helper, each into its own block reused from chunk to chunk and written out in turn. The text is never
// held whole (260 MB of losses on the 1-D `hard` benchmark: fresh pages for it cost as much as the
// formatting), and each thread's write(2) overlaps the other's formatting. make_writer() is called once
// per thread and returns writer(sink, begin, end), which puts items begin..end-1 (so per-thread caches
// live across chunks).
template <class MakeWriter>
void put_in_chunks(TextBuffer& text, std::size_t n, std::size_t most_per_item, MakeWriter&& make_writer) {
    constexpr std::size_t worth_a_thread = 1 << 15;
    if (n < worth_a_thread || std::thread::hardware_concurrency() < 2) {
        auto writer = make_writer();
        return writer(text, 0, n);
    }
    constexpr std::size_t chunk_bytes = std::size_t{1} << 21;
    const std::size_t chunk = std::max<std::size_t>(256, chunk_bytes / most_per_item);
    const std::size_t chunks = (n + chunk - 1) / chunk;
    std::ostream& out = text.flushed_stream();
    ChunkTurns turns;
    auto work = [&](std::size_t first) {
        auto writer = make_writer();
        TextBlock block(chunk * most_per_item);
        for (std::size_t k = first; k < chunks; k += 2) {
            block.clear();
            writer(block, k * chunk, std::min(n, (k + 1) * chunk));
            if (!turns.wait_for(k)) return;
            out.write(block.view().data(), static_cast<std::streamsize>(block.view().size()));
            turns.done(k);
        }
    };
    std::exception_ptr error;
    std::thread helper([&] {
        try {
            work(1);
        } catch (...) {
            error = std::current_exception();
            turns.fail();
        }
    });
    try {
        work(0);
    } catch (...) {
        turns.fail();
        helper.join();
        throw;
    }
    helper.join();
    if (error) std::rethrow_exception(error);
}

// put_in_chunks() for a writer without per-thread state, put(sink, begin, end): the list shared between the
// two threads, about half each.
template <class Put>
void put_in_two_halves(TextBuffer& text, std::size_t n, std::size_t most_per_item, Put&& put) {
    put_in_chunks(text, n, most_per_item, [&] {
        return [&](auto& sink, std::size_t begin, std::size_t end) { put(sink, begin, end); };
    });
}

// Exact losses (x̂* − t_i)² of a 1-D list written from x̂* and the targets (line_loss_text.hpp), the same
// text as to_string(loss), on two threads for long lists; `target(i)` is t_i, a Rational or a SmallFraction.
template <class Target>
void put_line_losses(TextBuffer& text, std::size_t n, const Rational& receiver, Target&& target) {
    std::size_t most = 0;
    LineLossText bound(receiver);
    for (std::size_t i = 0; i < n; ++i) most = std::max(most, bound.most_characters(target(i)) + 4);
    put_in_chunks(text, n, most, [&] {
        // One per thread, kept from chunk to chunk: it caches decimal forms per target denominator.
        return [&, losses = std::make_shared<LineLossText>(receiver)](auto& sink, std::size_t begin,
                                                                      std::size_t end) {
            put_items(sink, begin, end, most, [&](char* at, std::size_t i) {
                *at++ = '"';
                at = losses->put(at, target(i));
                *at++ = '"';
                return at;
            });
        };
    });
}

// d = 1 without Solution::losses (SolveOptions::losses_in_writer).
void write_line_losses(std::ostream& out, const Instance& instance, const Rational& receiver) {
    if (instance.dimension != 1 || instance.loss != Loss::squared)
        throw std::logic_error("write_solution_json: losses missing outside the squared-loss line");
    TextBuffer text(out);
    put_line_losses(text, instance.players.size(), receiver,
                    [&](std::size_t i) -> const Rational& { return instance.players[i].target[0]; });
}

// The d = 1 answer from machine-integer actions, the bytes of write_solution_json(); `put_receiver(text)`
// writes x̂* as a point and `put_losses(text)` the items of the losses list.
template <class LineAnswer, class PutReceiver, class PutLosses>
void write_line_answer_json(std::ostream& out, const LineGame& game, const LineAnswer& s,
                            PutReceiver&& put_receiver, PutLosses&& put_losses) {
    write_head(out, game.name, s.method);
    {
        TextBuffer text(out);
        text.put("[");
        put_in_two_halves(text, game.size(), 48, [&](auto& sink, std::size_t begin, std::size_t end) {
            put_items(sink, begin, end, 48,
                      [&](char* at, std::size_t i) { return put_action(at, s.actions[i]); });
        });
        text.put("],\n  \"receiver\": ");
        put_receiver(text);
        text.put(",\n  \"losses\": [");
        put_losses(text);
        text.put("],\n  \"potential\": \"" + to_string(s.potential) + "\"},\n");
        text.put(" \"equilibria\": {\"count\": \"" + count_name(s.count) + "\", \"faces\": [");
        for (std::size_t k = 0; k < s.free_players.size(); ++k) {
            std::size_t i = s.free_players[k];
            text.put((k ? ", " : "") + std::string("{\"player\": ") + std::to_string(i) +
                     ", \"vertices\": [");
            put_line_point(text, game.lo(i));
            text.put(", ");
            put_line_point(text, game.hi(i));
            text.put("]}");
        }
    }
    write_tail(out, "", s.exaggeration);
}

}  // namespace

void write_line_solution_json(std::ostream& out, const LineGame& game, const LineSolution& s) {
    write_line_answer_json(
        out, game, s, [&](TextBuffer& text) { put_line_point(text, s.receiver); },
        [&](TextBuffer& text) {
            put_in_two_halves(text, game.size(), 88, [&](auto& sink, std::size_t begin, std::size_t end) {
                put_items(sink, begin, end, 88,
                          [&](char* at, std::size_t i) { return put_loss(at, s.offsets[i]); });
            });
        });
}

void write_wide_line_solution_json(std::ostream& out, const LineGame& game, const WideLineSolution& s) {
    write_line_answer_json(
        out, game, s, [&](TextBuffer& text) { text.put("[\"" + to_string(s.receiver) + "\"]"); },
        [&](TextBuffer& text) {
            put_line_losses(text, game.size(), s.receiver,
                            [&](std::size_t i) -> const SmallFraction& { return game.targets[i]; });
        });
}

namespace {

// ["x_0", ..., "x_d-1"]: a point as write_vector writes it (at most 47 characters per coordinate).
template <class Coordinate>
char* put_point(char* at, std::size_t d, Coordinate&& coordinate) {
    *at++ = '[';
    for (std::size_t c = 0; c < d; ++c) {
        if (c) *at++ = ',', *at++ = ' ';
        *at++ = '"';
        at = write_small_fraction(at, coordinate(c));
        *at++ = '"';
    }
    *at++ = ']';
    return at;
}

using U128 = unsigned __int128;

// Σ_c (p_c / q_c)^2 in lowest terms in 128 bits, when the common denominator L = lcm(q_c) < 2^63 and the
// numerator stays below 2^127; false otherwise (put_box_losses then sums in GMP).
bool loss_in_128_bits(const SmallFraction* offsets, std::size_t d, U128& num, U128& den) {
    constexpr std::uint64_t limit = std::uint64_t{1} << 63;
    std::uint64_t common = 1;
    for (std::size_t c = 0; c < d; ++c) {
        const auto q = static_cast<std::uint64_t>(offsets[c].den);
        const std::uint64_t factor = q / gcd64(common, q);
        if (common > (limit - 1) / factor) return false;
        common *= factor;
    }
    U128 sum = 0;
    for (std::size_t c = 0; c < d; ++c) {
        const SmallFraction& o = offsets[c];
        const U128 p = o.num < 0 ? -static_cast<U128>(o.num) : static_cast<U128>(o.num);
        const U128 scaled = p * (common / static_cast<std::uint64_t>(o.den));  // < 2^62 · 2^63
        if (scaled >= (U128{1} << 63)) return false;
        sum += scaled * scaled;  // each < 2^126
        if (sum >= (U128{1} << 127)) return false;
    }
    // gcd(sum, common^2) by two 64-bit gcds: for a prime with exponent e in common and f in sum, the first
    // takes min(f, e), the second min(f - min(f, e), e); together min(f, 2e).
    // A stage with h = 1 ends the search (the next would find 1 again); g = 1 needs no division.
    U128 g = 1, rest = sum;
    for (int stage = 0; stage < 2; ++stage) {
        const std::uint64_t residue = rest >> 64 == 0 ? static_cast<std::uint64_t>(rest) % common
                                                      : static_cast<std::uint64_t>(rest % common);
        const std::uint64_t h = gcd64(common, residue);
        if (h == 1) break;
        g *= h, rest /= h;
    }
    num = g == 1 ? sum : sum / g, den = static_cast<U128>(common) * common;
    if (g != 1) den /= g;
    return true;
}

// One writing thread's tools for box losses: the reducer, and each coordinate's x̂*_c − t_ic when the
// solver left the offsets to the writer (LineOffsets::in_writer).
// A thread's tools for writing losses Σ_c o_c²: the reducer (box_loss.hpp) and, per coordinate, the offsets
// x̂*_c − t from a receiver coordinate that is a SmallFraction (none when one is not: then GMP).
struct SquareSumTools {
    SquareSumTools(const std::vector<std::optional<SmallFraction>>& receiver, std::size_t players)
        : reducer(receiver.size(), players) {
        for (const std::optional<SmallFraction>& coordinate : receiver)
            if (coordinate) offsets.emplace_back(*coordinate, players);
        if (offsets.size() != receiver.size()) offsets.clear();
    }
    // The offsets x̂*_c − t_c of one player's target; false when one is not a SmallFraction.
    bool player_offsets(const SmallFraction* target, SmallFraction* result) {
        if (offsets.empty()) return false;
        for (std::size_t c = 0; c < offsets.size(); ++c)
            if (!offsets[c](target[c], result[c])) return false;
        return true;
    }
    BoxLossReducer reducer;
    std::vector<ReceiverOffsets> offsets;
};

// The losses Σ_c o_ic² of players begin..end, each in lowest terms as to_string(Rational) writes it: by the
// reducer (box_loss.hpp), else by gcds in 128 bits, else in GMP. `small_offsets(i, o)` fills player i's
// offsets as SmallFractions or says they are not; `exact_offset(i, c)` is the offset as a Rational. GMP
// numbers reused from player to player: no allocation per player once they have grown.
template <class Sink, class SmallOffsets, class ExactOffset>
void put_square_sum_losses(Sink& text, std::size_t d, BoxLossReducer& reducer, std::size_t begin,
                           std::size_t end, SmallOffsets&& small_offsets, ExactOffset&& exact_offset) {
    mpq_t sum, term;
    mpq_init(sum), mpq_init(term);
    SmallFraction offsets[BoxLossReducer::max_dimension];
    try {
        for (std::size_t i = begin; i < end; ++i) {
            U128 num, den;
            const bool small = small_offsets(i, offsets);
            if (small && (reducer.loss(offsets, num, den) || loss_in_128_bits(offsets, d, num, den))) {
                char* at = text.reserve(84);
                if (i) *at++ = ',', *at++ = ' ';
                *at++ = '"';
                at = write_decimal(at, num);
                if (den != 1) *at++ = '/', at = write_decimal(at, den);
                *at++ = '"';
                text.commit(at);
                continue;
            }
            mpq_set_ui(sum, 0, 1);
            for (std::size_t c = 0; c < d; ++c) {
                if (small) {
                    mpq_set_si(term, offsets[c].num,
                               static_cast<unsigned long>(offsets[c].den));  // lowest terms
                } else {
                    const Rational offset = exact_offset(i, c);
                    mpq_set(term, offset.backend().data());
                }
                mpq_mul(term, term, term);
                mpq_add(sum, sum, term);
            }
            std::size_t most = mpz_sizeinbase(mpq_numref(sum), 10) + mpz_sizeinbase(mpq_denref(sum), 10) + 8;
            char* at = text.reserve(most);
            if (i) *at++ = ',', *at++ = ' ';
            *at++ = '"';
            mpq_get_str(at, 10, sum);
            at += std::strlen(at);
            *at++ = '"';
            text.commit(at);
        }
    } catch (...) {
        mpq_clear(sum), mpq_clear(term);
        throw;
    }
    mpq_clear(sum), mpq_clear(term);
}

// The box route's losses Σ_c (x̂*_c - t_ic)^2: the offsets the solver kept, else formed here.
template <class Sink>
void put_box_losses(Sink& text, const BoxGame& game, const std::vector<LineSolution>& lines,
                    SquareSumTools& tools, std::size_t begin, std::size_t end) {
    const std::size_t d = lines.size();
    auto small_offsets = [&](std::size_t i, SmallFraction* offsets) {
        for (std::size_t c = 0; c < d; ++c) {
            if (!lines[c].offsets.empty())
                offsets[c] = lines[c].offsets[i];
            else if (!tools.offsets[c](game.coordinates[c].targets[i], offsets[c]))
                return false;
        }
        return true;
    };
    auto exact_offset = [&](std::size_t i, std::size_t c) {
        return to_rational(lines[c].receiver) - to_rational(game.coordinates[c].targets[i]);
    };
    put_square_sum_losses(text, d, tools.reducer, begin, end, small_offsets, exact_offset);
}

}  // namespace

namespace {

// The last two texts written for one coordinate's numbers: a box player's action is one of its interval's
// two ends in most coordinates, so most actions are copied, not formatted.
class RecentNumbers {
  public:
    char* put(char* at, const SmallFraction& x) {
        for (Entry& entry : entries_)
            if (entry.length != 0 && entry.value == x) {
                std::memcpy(at, entry.text, entry.length);
                return at + entry.length;
            }
        Entry& entry = entries_[next_];
        next_ ^= 1;
        char* end = write_small_fraction(at, x);
        entry.value = x, entry.length = static_cast<std::uint8_t>(end - at);
        std::memcpy(entry.text, at, entry.length);
        return end;
    }

  private:
    struct Entry {
        SmallFraction value;
        std::uint8_t length = 0;  // 0: empty
        char text[48];
    };
    Entry entries_[2];
    unsigned next_ = 0;
};

// The actions array of the machine-integer routes: the moved players' actions as write_vector writes them
// (exact rationals), every other player's from coordinate(i, c), on two threads.
template <class Coordinate>
void put_actions(TextBuffer& text, std::size_t n, std::size_t d,
                 const std::vector<std::pair<std::size_t, Vector>>& moved_actions, Coordinate&& coordinate) {
    std::vector<std::pair<std::size_t, std::string>> moved;  // by player
    std::size_t most_action = 2 + 51 * d;
    for (const auto& [player, x] : moved_actions) {
        std::ostringstream written;
        write_vector(written, x);
        most_action = std::max(most_action, written.str().size() + 2);
        moved.emplace_back(player, written.str());
    }
    std::sort(moved.begin(), moved.end());
    text.put("[");
    put_in_two_halves(text, n, most_action, [&](auto& sink, std::size_t begin, std::size_t end) {
        auto next_moved = std::lower_bound(moved.begin(), moved.end(), std::make_pair(begin, std::string()));
        std::vector<RecentNumbers> recent(d);
        put_items(sink, begin, end, most_action, [&](char* at, std::size_t i) {
            if (next_moved != moved.end() && next_moved->first == i) {
                const std::string& written = (next_moved++)->second;
                std::memcpy(at, written.data(), written.size());
                return at + written.size();
            }
            *at++ = '[';
            for (std::size_t c = 0; c < d; ++c) {
                if (c) *at++ = ',', *at++ = ' ';
                *at++ = '"';
                at = recent[c].put(at, coordinate(i, c));
                *at++ = '"';
            }
            *at++ = ']';
            return at;
        });
    });
    text.put("]");
}

// The machine-integer routes' face list ({"player", "vertices"} per player whose face is not a point) and
// the closing report, from a BoxAnswer or a VertexAnswer.
template <class Answer>
void write_faces_and_tail(std::ostream& out, const Answer& answer) {
    for (std::size_t k = 0; k < answer.faces.size(); ++k) {
        const auto& [player, vertices] = answer.faces[k];
        out << (k ? ", " : "") << "{\"player\": " << player << ", \"vertices\": [";
        for (std::size_t v = 0; v < vertices.size(); ++v) {
            out << (v ? ", " : "");
            write_vector(out, vertices[v]);
        }
        out << "]}";
    }
    write_tail(out, "", answer.exaggeration);
}

}  // namespace

void write_box_answer_json(std::ostream& out, const BoxGame& game, const BoxAnswer& answer) {
    const std::vector<LineSolution>& lines = answer.lines;
    const std::size_t n = game.size(), d = lines.size();
    write_head(out, game.name, box_method);
    {
        TextBuffer text(out);
        put_actions(
            text, n, d, answer.moved_actions,
            [&](std::size_t i, std::size_t c) -> const SmallFraction& { return lines[c].actions[i]; });
        text.put(",\n  \"receiver\": ");
        text.commit(put_point(text.reserve(2 + 51 * d), d,
                              [&](std::size_t c) -> const SmallFraction& { return lines[c].receiver; }));
        text.put(",\n  \"losses\": [");
        // A loss has at most d·(124 + 124) bits of numerator and denominator: about 75·d digits each.
        put_in_chunks(text, n, 160 * d + 8, [&] {
            std::vector<std::optional<SmallFraction>> receiver;
            for (const LineSolution& line : lines) receiver.emplace_back(line.receiver);
            return [&game, &lines, tools = std::make_shared<SquareSumTools>(receiver, n)](
                       auto& sink, std::size_t begin, std::size_t end) {
                put_box_losses(sink, game, lines, *tools, begin, end);
            };
        });
        Rational potential = 0;
        for (const LineSolution& line : lines) potential += line.potential;  // Φ = Σ_c Φ_c
        text.put("],\n  \"potential\": \"" + to_string(potential) + "\"},\n");
        text.put(" \"equilibria\": {\"count\": \"" + count_name(answer.count) + "\", \"faces\": [");
    }
    write_faces_and_tail(out, answer);
}

namespace {

// The vertex route's losses |x̂* − t_i|², as to_string writes them: from the offsets x̂* − t_i in machine
// integers while the receiver's coordinates are SmallFractions (put_square_sum_losses), on two threads for
// long lists. `most` bounds a loss's text when it fits 128 bits; a longer one reserves its own room.
void put_vertex_losses(TextBuffer& text, const VertexGame& game, const Vector& receiver) {
    const std::size_t n = game.size(), d = game.dimension;
    std::vector<std::optional<SmallFraction>> small_receiver;
    for (const Rational& y : receiver) small_receiver.push_back(small_fraction_of(y));
    put_in_chunks(text, n, 160 * d + 8, [&] {
        return [&, tools = std::make_shared<SquareSumTools>(small_receiver, n)](auto& sink, std::size_t begin,
                                                                                std::size_t end) {
            auto small_offsets = [&](std::size_t i, SmallFraction* offsets) {
                return tools->player_offsets(&game.targets[d * i], offsets);
            };
            auto exact_offset = [&](std::size_t i, std::size_t c) {
                return receiver[c] - to_rational(game.targets[d * i + c]);
            };
            put_square_sum_losses(sink, d, tools->reducer, begin, end, small_offsets, exact_offset);
        };
    });
}

}  // namespace

void write_vertex_answer_json(std::ostream& out, const VertexGame& game, const VertexAnswer& answer) {
    const std::size_t n = game.size(), d = game.dimension;
    write_head(out, game.name, vertex_method);
    {
        TextBuffer text(out);
        put_actions(text, n, d, answer.moved_actions,
                    [&](std::size_t i, std::size_t c) -> const SmallFraction& {
                        return game.vertices[d * answer.action_vertex[i] + c];
                    });
        text.put(",\n  \"receiver\": ");
    }
    write_vector(out, answer.receiver);
    out << ",\n  \"losses\": [";
    {
        TextBuffer text(out);
        put_vertex_losses(text, game, answer.receiver);
    }
    out << "],\n  \"potential\": \"" << to_string(answer.potential) << "\"},\n";
    out << " \"equilibria\": {\"count\": \"" << count_name(answer.count) << "\", \"faces\": [";
    write_faces_and_tail(out, answer);
}

void write_solution_json(std::ostream& out, const Instance& instance, const Solution& s) {
    const std::size_t n = instance.players.size();
    write_head(out, instance.name, s.method);
    if (s.enclosed)
        write_enclosed_equilibrium(out, s);
    else
        out << '[';
    for (std::size_t i = 0; i < n && !s.enclosed; ++i) {
        out << (i ? ", " : "");
        if (s.chosen_items.empty()) {
            write_vector(out, s.actions[i]);
            continue;
        }
        out << '[';  // a finite action space: the list of chosen items (FORMAT.md)
        for (std::size_t k = 0; k < s.chosen_items[i].size(); ++k) {
            out << (k ? ", " : "");
            write_vector(out, s.chosen_items[i][k]);
        }
        out << ']';
    }
    if (!s.enclosed) {
        out << "],\n  \"receiver\": ";
        write_vector(out, s.receiver);
        out << ",\n  \"losses\": [";
        if (s.losses.size() == n)
            for (std::size_t i = 0; i < n; ++i) out << (i ? ", \"" : "\"") << to_string(s.losses[i]) << '"';
        else
            write_line_losses(out, instance, s.receiver.at(0));
        out << "],\n  \"potential\": \"" << to_string(s.potential) << "\"},\n";
    }
    out << " \"equilibria\": {\"count\": \"" << (s.exact_count.empty() ? count_name(s.count) : s.exact_count)
        << "\", \"faces\": [";
    bool first = true;
    for (std::size_t i = 0; i < n; ++i) {
        if (s.face_vertices[i].empty()) continue;
        out << (first ? "" : ", ") << "{\"player\": " << i << ", \"vertices\": [";
        first = false;
        for (std::size_t v = 0; v < s.face_vertices[i].size(); ++v) {
            out << (v ? ", " : "");
            write_vector(out, s.face_vertices[i][v]);
        }
        out << "]}";
    }
    write_tail(out, s.set_description, s.exaggeration);
}

Json solution_json(const Instance& instance, const Solution& solution) {
    std::ostringstream text;
    write_solution_json(text, instance, solution);
    return Json::parse(text.str());
}

namespace {

std::string vector_text(const Vector& v) {
    if (v.size() == 1) return to_string(v[0]);
    std::string text = "(";
    for (std::size_t j = 0; j < v.size(); ++j) text += (j ? ", " : "") + to_string(v[j]);
    return text + ")";
}

std::string approximate_text(const Vector& v) {
    std::string text = v.size() == 1 ? "" : "(";
    for (std::size_t j = 0; j < v.size(); ++j) text += (j ? ", " : "") + to_decimal_approximation(v[j], 8);
    return v.size() == 1 ? text : text + ")";
}

}  // namespace

void write_solution_table(std::ostream& out, const Instance& instance, const Solution& s) {
    const std::size_t n = instance.players.size();
    const std::size_t shown = std::min<std::size_t>(n, 50);
    out << "instance   " << (instance.name.empty() ? "(unnamed)" : display_text(instance.name)) << "  (" << n
        << " players, d = " << instance.dimension << ")\n";
    out << std::left << std::setw(14) << "player" << std::setw(22) << "target" << std::setw(10) << "weight"
        << std::setw(26) << "action"
        << "position\n";
    for (std::size_t i = 0; i < shown; ++i) {
        const ActionSet& set = instance.set_of(i);
        std::string action = vector_text(s.actions[i]), position;
        if (set.is_finite()) {
            action = "{";
            for (std::size_t k = 0; k < s.chosen_items[i].size(); ++k)
                action += (k ? ", " : "") + vector_text(s.chosen_items[i][k]);
            action += "}";
            position = "items (sum " + vector_text(s.actions[i]) + ")";
        } else if (s.enclosed) {
            action = "≈ " + approximate_text(s.actions[i]);  // midpoint of a proven enclosure (--json has it)
            position = set.is_curved() ? "support point (enclosed)" : "support point";
        } else {
            position = set.in_interior(s.actions[i]) ? "interior" : "boundary (exaggerates)";
            if (!s.face_vertices[i].empty() && !set.in_interior(s.actions[i]))
                position = "boundary (face of several points)";
        }
        out << std::setw(14) << instance.numbered_label(i) << std::setw(22)
            << vector_text(instance.players[i].target) << std::setw(10)
            << to_string(instance.players[i].weight) << std::setw(26) << action << position << '\n';
    }
    if (shown < n) out << "... " << (n - shown) << " more players (use --json for all)\n";
    if (s.enclosed) {
        out << "receiver   x̂* ≈ " << approximate_text(s.receiver) << "  (enclosed to width <= 2^-"
            << s.precision << ", proven; --json prints the intervals)\npotential  ≈ "
            << to_decimal_approximation(s.potential_enclosure.midpoint(), 12) << "\n";
        for (std::size_t j = 0; j < s.receiver_roots.size(); ++j)
            if (!s.receiver_roots[j].empty())
                out << "exact      x̂*_" << j << " = the root of " << s.receiver_roots[j] << " in ["
                    << to_string(s.receiver_enclosure[j].lo) << ", " << to_string(s.receiver_enclosure[j].hi)
                    << "]\n";
        if (!s.algebraic_note.empty()) out << "algebraic  " << display_text(s.algebraic_note) << "\n";
    }
    if (!s.enclosed) out << "receiver   x̂* = " << vector_text(s.receiver);
    bool approximate = false;
    for (const Rational& x : s.receiver) approximate = approximate || denominator(x) != 1;
    if (approximate && !s.enclosed) {
        out << "  ≈ (";
        for (std::size_t j = 0; j < s.receiver.size(); ++j)
            out << (j ? ", " : "") << to_decimal_approximation(s.receiver[j], 8);
        out << ")";
    }
    if (!s.enclosed) out << "\npotential  " << to_string(s.potential) << "\n";
    if (!s.exact_count.empty())
        out << "equilibria " << s.exact_count
            << (s.exact_count == "1" ? " pure equilibrium" : " pure equilibria")
            << " (exact count, one shown)\n";
    else
        out << "equilibria "
            << (s.count == EquilibriumCount::one ? "exactly one" : "infinitely many (one shown)") << "\n";
    const ExaggerationReport& e = s.exaggeration;
    out << "theorem 4  ";
    if (e.premise_met)
        out << "premise met; ";
    else
        out << "premise not met (" << display_text(e.premise_detail) << "); ";
    out << (e.at_most_one_interior ? "at most one player interior at every equilibrium"
                                   : "more than one player can be interior at an equilibrium");
    if (!e.ever_interior.empty()) {
        out << "; interior somewhere: " << player_list_text(instance, e.ever_interior, 10);
        out << (e.interior_player_at_target ? " (x̂* = its target)" : " (x̂* differs from its target)");
    }
    out << "\nmethod     " << s.method << ", verified exactly\n";
}

}  // namespace bigcert
