#pragma once
#include <string>
#include <vector>

namespace winnow::core {

// Minimal inline-SVG bar charts for the HTML report (core has no plotting library).
struct BarSeries {
    std::string name;
    std::string colour;            // CSS colour
    std::vector<double> values;    // one per category
};

// Grouped bars over `categories`; every value gets a <title> tooltip.
std::string svgBarChart(const std::string& title, const std::vector<std::string>& categories,
                        const std::vector<BarSeries>& series, int width = 640, int height = 260);

// Histogram of `values` in `bins` equal bins between their min and max; stacked by `group`
// when `groupNames` is given (group[i] indexes groupNames).
std::string svgHistogram(const std::string& title, const std::vector<float>& values, int bins,
                         const std::vector<int>* group = nullptr,
                         const std::vector<std::string>* groupNames = nullptr);

std::string htmlEscape(const std::string& s);

}  // namespace winnow::core
