#pragma once
#include <cstddef>
#include <cstdint>
#include <initializer_list>

namespace winnow::core {

// The attacks' random numbers: SplitMix64, fully specified here (std::mt19937 is, but the
// standard distributions are not), so a seed gives the same attack with every compiler and
// standard library.
class AttackRandom {
public:
    explicit AttackRandom(uint64_t seed) : m_state(seed) {}
    // A generator for one item, seeded from several numbers (seed, image, caption ...).
    static AttackRandom forItem(std::initializer_list<uint64_t> keys) {
        uint64_t h = 0x6a09e667f3bcc909ull;
        for (uint64_t k : keys) h = mix(h ^ mix(k + 0x9e3779b97f4a7c15ull));
        return AttackRandom(h);
    }
    uint64_t next() { return mix(m_state += 0x9e3779b97f4a7c15ull); }
    // Uniform in [0, n) (n > 0), without modulo bias (rejection).
    size_t below(size_t n) {
        const uint64_t limit = UINT64_MAX - UINT64_MAX % uint64_t(n);
        uint64_t x;
        do x = next();
        while (x >= limit);
        return size_t(x % uint64_t(n));
    }
    // Uniform in [0, 1) with 53 random bits.
    double unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }

private:
    static uint64_t mix(uint64_t z) {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    uint64_t m_state;
};

}  // namespace winnow::core
