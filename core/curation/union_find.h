#pragma once
#include <cstdint>
#include <numeric>
#include <vector>

namespace winnow::core {

// Disjoint sets over 0..n-1 with path halving and union by size.
class UnionFind {
public:
    explicit UnionFind(int64_t n) : m_parent(size_t(n)), m_size(size_t(n), 1) {
        std::iota(m_parent.begin(), m_parent.end(), int64_t(0));
    }
    int64_t find(int64_t x) {
        while (m_parent[size_t(x)] != x) {
            m_parent[size_t(x)] = m_parent[size_t(m_parent[size_t(x)])];
            x = m_parent[size_t(x)];
        }
        return x;
    }
    void unite(int64_t a, int64_t b) {
        a = find(a);
        b = find(b);
        if (a == b) return;
        if (m_size[size_t(a)] < m_size[size_t(b)]) std::swap(a, b);
        m_parent[size_t(b)] = a;
        m_size[size_t(a)] += m_size[size_t(b)];
    }
    int64_t sizeOf(int64_t x) { return m_size[size_t(find(x))]; }

private:
    std::vector<int64_t> m_parent, m_size;
};

}  // namespace winnow::core
