#include "core/influence/gmm.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <utility>

namespace winnow::core {
namespace {

constexpr double kLog2Pi = 1.8378770664093453;

double logNormal(double x, double mean, double var) {
    double d = x - mean;
    return -0.5 * (kLog2Pi + std::log(var) + d * d / var);
}

// One EM run from the given initial means; returns the fitted mixture.
Gmm1d runEm(const std::vector<double>& x, double m0, double m1, double dataVar, double floor,
            const GmmOptions& o) {
    const size_t n = x.size();
    Gmm1d g;
    g.mean[0] = m0;
    g.mean[1] = m1;
    // Initial variances: those of a hard nearest-mean assignment (k-means step).
    double s[2] = {0, 0}, ss[2] = {0, 0}, c[2] = {0, 0};
    for (double v : x) {
        int k = std::fabs(v - m0) <= std::fabs(v - m1) ? 0 : 1;
        c[k] += 1;
        s[k] += v;
        ss[k] += v * v;
    }
    for (int k = 0; k < 2; ++k) {
        g.weight[k] = std::max(c[k], 1.0) / double(n + 1);
        double var = c[k] > 1 ? ss[k] / c[k] - (s[k] / c[k]) * (s[k] / c[k]) : dataVar;
        g.var[k] = std::max(var, floor);
    }
    double wsum = g.weight[0] + g.weight[1];
    g.weight[0] /= wsum;
    g.weight[1] /= wsum;
    std::vector<double> r1(n);
    double prev = -INFINITY;
    for (int it = 1; it <= o.maxIter; ++it) {
        // E step (log-sum-exp for stability) and the log-likelihood of the current params;
        // per-component constants hoisted so each point costs one exp and one log1p.
        const double c0 = std::log(g.weight[0]) - 0.5 * (kLog2Pi + std::log(g.var[0]));
        const double c1 = std::log(g.weight[1]) - 0.5 * (kLog2Pi + std::log(g.var[1]));
        const double h0 = 0.5 / g.var[0], h1 = 0.5 / g.var[1];
        double ll = 0;
        for (size_t i = 0; i < n; ++i) {
            double d0 = x[i] - g.mean[0], d1 = x[i] - g.mean[1];
            double a = c0 - h0 * d0 * d0;
            double b = c1 - h1 * d1 * d1;
            double t = std::exp(-std::fabs(a - b));
            ll += std::max(a, b) + std::log1p(t);
            r1[i] = b >= a ? 1.0 / (1.0 + t) : t / (1.0 + t);
        }
        ll /= double(n);
        g.meanLogLik = ll;
        g.iterations = it;
        if (std::fabs(ll - prev) < o.tol) break;
        prev = ll;
        // M step.
        double n1 = 0, sum0 = 0, sum1 = 0;
        for (size_t i = 0; i < n; ++i) {
            n1 += r1[i];
            sum1 += r1[i] * x[i];
            sum0 += (1 - r1[i]) * x[i];
        }
        double n0 = double(n) - n1;
        if (n0 < 1e-12 || n1 < 1e-12) break;  // a component died: keep the last params
        g.mean[0] = sum0 / n0;
        g.mean[1] = sum1 / n1;
        double v0 = 0, v1 = 0;
        for (size_t i = 0; i < n; ++i) {
            double d0 = x[i] - g.mean[0], d1 = x[i] - g.mean[1];
            v0 += (1 - r1[i]) * d0 * d0;
            v1 += r1[i] * d1 * d1;
        }
        g.var[0] = std::max(v0 / n0, floor);
        g.var[1] = std::max(v1 / n1, floor);
        g.weight[0] = n0 / double(n);
        g.weight[1] = n1 / double(n);
    }
    return g;
}

}  // namespace

double Gmm1d::posteriorHigh(double x) const {
    double a = std::log(weight[0]) + logNormal(x, mean[0], var[0]);
    double b = std::log(weight[1]) + logNormal(x, mean[1], var[1]);
    double mx = std::max(a, b);
    return std::exp(b - mx) / (std::exp(a - mx) + std::exp(b - mx));
}

Gmm1d fitGmm1d(const std::vector<double>& x, const GmmOptions& o) {
    Gmm1d best;
    const size_t n = x.size();
    if (n < 2) return best;
    double mu = 0, m2 = 0;
    for (double v : x) mu += v;
    mu /= double(n);
    for (double v : x) m2 += (v - mu) * (v - mu);
    const double dataVar = m2 / double(n);
    if (!(dataVar > 0)) {
        best.mean[0] = best.mean[1] = mu;
        best.var[0] = best.var[1] = 0;
        return best;
    }
    const double floor = o.varFloor * dataVar;
    std::mt19937_64 rng(o.seed);
    std::uniform_int_distribution<size_t> pick(0, n - 1);
    best.meanLogLik = -INFINITY;
    for (int r = 0; r < std::max(1, o.restarts); ++r) {
        // k-means++: first centre uniform, second with probability proportional to d^2.
        double c0 = x[pick(rng)];
        std::vector<double> w(n);
        for (size_t i = 0; i < n; ++i) w[i] = (x[i] - c0) * (x[i] - c0);
        std::discrete_distribution<size_t> d2(w.begin(), w.end());
        double c1 = x[d2(rng)];
        if (c1 < c0) std::swap(c0, c1);
        Gmm1d g = runEm(x, c0, c1, dataVar, floor, o);
        if (g.meanLogLik > best.meanLogLik) best = g;
    }
    if (best.mean[0] > best.mean[1]) {
        std::swap(best.mean[0], best.mean[1]);
        std::swap(best.var[0], best.var[1]);
        std::swap(best.weight[0], best.weight[1]);
    }
    best.valid = true;
    return best;
}

}  // namespace winnow::core
