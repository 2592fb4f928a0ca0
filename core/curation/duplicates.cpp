#include "core/curation/duplicates.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "core/curation/union_find.h"
#include "core/dataset/sample.h"

namespace winnow::core {

std::vector<DuplicateGroup> findDuplicateGroups(const DuplicateInput& in) {
    UnionFind uf(in.n);
    std::vector<float> edge(size_t(in.n), 0.0f);  // longest near edge touching a row
    if (in.hash) {
        std::vector<int64_t> order;
        for (int64_t i = 0; i < in.n; ++i)
            if (!in.hasHash || in.hasHash[i]) order.push_back(i);
        std::sort(order.begin(), order.end(), [&](int64_t a, int64_t b) { return in.hash[a] < in.hash[b] || (in.hash[a] == in.hash[b] && a < b); });
        for (size_t i = 1; i < order.size(); ++i)
            if (in.hash[order[i]] == in.hash[order[i - 1]]) uf.unite(order[i], order[i - 1]);
    }
    if (in.graph) {
        const auto& g = *in.graph;
        for (int64_t i = 0; i < g.n && i < in.n; ++i)
            for (int j = 0; j < g.k; ++j) {
                const int64_t nb = g.nbr[size_t(i * g.k + j)];
                const float d = g.dist[size_t(i * g.k + j)];
                if (nb < 0 || !(d <= in.nearThreshold)) break;  // ascending distances
                uf.unite(i, nb);
                edge[size_t(i)] = std::max(edge[size_t(i)], d);
                edge[size_t(nb)] = std::max(edge[size_t(nb)], d);
            }
    }
    std::map<int64_t, std::vector<int64_t>> byRoot;
    for (int64_t i = 0; i < in.n; ++i)
        if (uf.sizeOf(i) > 1) byRoot[uf.find(i)].push_back(i);
    std::vector<DuplicateGroup> groups;
    groups.reserve(byRoot.size());
    for (auto& [root, rows] : byRoot) {
        DuplicateGroup g;
        g.rows = std::move(rows);
        g.exact = in.hash != nullptr;
        bool train = false, held = false;
        int32_t firstLabel = -1;
        for (int64_t r : g.rows) {
            if (in.hash && (in.hasHash && !in.hasHash[r])) g.exact = false;
            if (in.hash && !(in.hash[r] == in.hash[g.rows.front()])) g.exact = false;
            g.maxDistance = std::max(g.maxDistance, edge[size_t(r)]);
            if (in.split) {
                if (in.split[r] == int8_t(Split::Train)) train = true;
                else held = true;
            }
            if (in.label && in.label[r] >= 0) {
                if (firstLabel < 0) firstLabel = in.label[r];
                else if (in.label[r] != firstLabel) g.labelConflict = true;
            }
        }
        g.leakage = train && held;
        groups.push_back(std::move(g));
    }
    std::sort(groups.begin(), groups.end(), [](const DuplicateGroup& a, const DuplicateGroup& b) {
        return a.rows.size() != b.rows.size() ? a.rows.size() > b.rows.size() : a.rows.front() < b.rows.front();
    });
    for (size_t i = 0; i < groups.size(); ++i) groups[i].id = int64_t(i) + 1;
    return groups;
}

double automaticNearThreshold(const NeighbourGraph& graph, double& medianNearest) {
    medianNearest = 0;
    std::vector<float> nearest;
    nearest.reserve(size_t(graph.n));
    for (int64_t i = 0; graph.k > 0 && i < graph.n; ++i)
        if (graph.nbr[size_t(i * graph.k)] >= 0) nearest.push_back(graph.dist[size_t(i * graph.k)]);
    if (!nearest.empty()) {
        auto mid = nearest.begin() + std::ptrdiff_t(nearest.size() / 2);
        std::nth_element(nearest.begin(), mid, nearest.end());
        medianNearest = *mid;
    }
    return std::clamp(0.13 * medianNearest, 0.002, 0.05);
}

}  // namespace winnow::core
