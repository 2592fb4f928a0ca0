#include "core/report/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/util/number_text.h"

namespace winnow::core {

std::string htmlEscape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

namespace {

std::string num(double v) { return formatSignificant(v, 4); }

const char* kPalette[] = {"#2b5d8a", "#e4572e", "#76b041", "#f2c14e", "#8e6c8a", "#17bebb"};

}  // namespace

std::string svgBarChart(const std::string& title, const std::vector<std::string>& categories,
                        const std::vector<BarSeries>& series, int width, int height) {
    const double left = 50, right = 10, top = 28, bottom = 70;
    double maxV = 0;
    for (const auto& s : series)
        for (double v : s.values) maxV = std::max(maxV, v);
    if (maxV <= 0) maxV = 1;
    size_t nc = std::max<size_t>(categories.size(), 1), ns = std::max<size_t>(series.size(), 1);
    double plotW = width - left - right, plotH = height - top - bottom;
    double groupW = plotW / double(nc), barW = groupW * 0.8 / double(ns);
    std::string svg = "<svg xmlns='http://www.w3.org/2000/svg' width='" + std::to_string(width) +
                      "' height='" + std::to_string(height) + "' font-family='sans-serif' font-size='11'>";
    svg += "<text x='" + num(width / 2.0) + "' y='16' text-anchor='middle' font-size='13'>" +
           htmlEscape(title) + "</text>";
    svg += "<line x1='" + num(left) + "' y1='" + num(top + plotH) + "' x2='" + num(left + plotW) +
           "' y2='" + num(top + plotH) + "' stroke='#444'/>";
    svg += "<text x='" + num(left - 4) + "' y='" + num(top + 4) + "' text-anchor='end'>" +
           num(maxV) + "</text><text x='" + num(left - 4) + "' y='" + num(top + plotH) +
           "' text-anchor='end'>0</text>";
    for (size_t s = 0; s < series.size(); ++s) {
        std::string colour = series[s].colour.empty() ? kPalette[s % 6] : series[s].colour;
        for (size_t c = 0; c < categories.size() && c < series[s].values.size(); ++c) {
            double v = series[s].values[c];
            double h = plotH * v / maxV;
            double x = left + groupW * double(c) + groupW * 0.1 + barW * double(s);
            svg += "<rect x='" + num(x) + "' y='" + num(top + plotH - h) + "' width='" +
                   num(barW) + "' height='" + num(h) + "' fill='" + colour + "'><title>" +
                   htmlEscape(categories[c] + " · " + series[s].name + ": " + num(v)) +
                   "</title></rect>";
        }
        svg += "<rect x='" + num(left + 110.0 * double(s)) + "' y='" + num(height - 14.0) +
               "' width='10' height='10' fill='" + colour + "'/><text x='" +
               num(left + 110.0 * double(s) + 14) + "' y='" + num(height - 5.0) + "'>" +
               htmlEscape(series[s].name) + "</text>";
    }
    for (size_t c = 0; c < categories.size(); ++c) {
        double x = left + groupW * (double(c) + 0.5);
        svg += "<text transform='translate(" + num(x) + "," + num(top + plotH + 10) +
               ") rotate(35)' text-anchor='start'>" + htmlEscape(categories[c]) + "</text>";
    }
    return svg + "</svg>";
}

std::string svgHistogram(const std::string& title, const std::vector<float>& values, int bins,
                         const std::vector<int>* group,
                         const std::vector<std::string>* groupNames) {
    float lo = INFINITY, hi = -INFINITY;
    for (float v : values)
        if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    if (!std::isfinite(lo)) lo = 0, hi = 1;
    if (hi <= lo) hi = lo + 1;
    size_t ng = groupNames ? groupNames->size() : 1;
    std::vector<BarSeries> series(ng);
    for (size_t g = 0; g < ng; ++g) {
        series[g].name = groupNames ? (*groupNames)[g] : "samples";
        series[g].values.assign(size_t(bins), 0.0);
    }
    for (size_t i = 0; i < values.size(); ++i) {
        if (!std::isfinite(values[i])) continue;
        int b = std::min(bins - 1, int(double(values[i] - lo) / double(hi - lo) * bins));
        size_t g = group ? size_t((*group)[i]) : 0;
        if (g < ng) series[g].values[size_t(b)] += 1;
    }
    std::vector<std::string> cats;
    for (int b = 0; b < bins; ++b) cats.push_back(num(lo + (hi - lo) * (b + 0.5) / bins));
    return svgBarChart(title, cats, series, 720, 260);
}

}  // namespace winnow::core
