#include "core/train/cmo_preview.h"

#include <opencv2/imgproc.hpp>

#include <unordered_set>

#include "core/dataset/sample_store.h"
#include "core/dataset/image_loader.h"
#include "core/store/database.h"
#include "core/train/sampling.h"
#include "core/train/train_config.h"
#include "core/util/error.h"

namespace winnow::core {

namespace {

Image fitTo(const Image& src, int w, int h, int channels) {
    cv::Mat in(src.height, src.width, src.channels == 1 ? CV_8UC1 : CV_8UC3,
               const_cast<uint8_t*>(src.pixels.data()));
    cv::Mat m = in;
    if (src.channels != channels)
        cv::cvtColor(in, m, channels == 1 ? cv::COLOR_RGB2GRAY : cv::COLOR_GRAY2RGB);
    if (m.cols != w || m.rows != h) {
        cv::Mat r;
        cv::resize(m, r, cv::Size(w, h), 0, 0, cv::INTER_AREA);
        m = r;
    }
    if (!m.isContinuous()) m = m.clone();
    Image out;
    out.width = w;
    out.height = h;
    out.channels = channels;
    out.pixels.assign(m.ptr<uint8_t>(), m.ptr<uint8_t>() + size_t(w) * size_t(h) * size_t(channels));
    return out;
}

}  // namespace

CmoPreview cmoPreview(Database& db, const TrainConfig& cfg, uint64_t seed, int count) {
    SampleStore store(db);
    CmoPreview pv;
    for (const auto& c : store.classes()) pv.classNames.push_back(c.name);
    const int K = int(pv.classNames.size());
    SampleTable t = store.loadTable();
    std::unordered_set<int64_t> excluded(cfg.excludeIds.begin(), cfg.excludeIds.end());
    std::vector<int64_t> ids;
    std::vector<int32_t> labels;
    for (size_t i = 0; i < t.size(); ++i)
        if (t.split[i] == 0 && t.label[i] >= 0 && t.status[i] == 0 && t.kind[i] != 2 && !excluded.count(t.ids[i])) {
            ids.push_back(t.ids[i]);
            labels.push_back(t.label[i]);
        }
    if (ids.empty()) throw Error("CMO preview: the project has no labelled training samples");
    pv.trainCounts = classCounts(labels, K);
    pv.p = classProbabilities(pv.trainCounts, 0.0);
    pv.q = classProbabilities(pv.trainCounts, cfg.cmoR);

    ImageLoader loader(db);
    WeightedClassSampler fgSampler(labels, K, cfg.cmoR);
    Rng rng(seed);
    std::uniform_int_distribution<size_t> bgPick(0, ids.size() - 1);
    for (int i = 0; i < count; ++i) {
        CmoDraw d;
        size_t bg = bgPick(rng);
        size_t fg = size_t(fgSampler.draw(rng));
        d.idBackground = ids[bg];
        d.idForeground = ids[fg];
        d.labelBackground = labels[bg];
        d.labelForeground = labels[fg];
        d.background = loader.load(*store.sample(ids[bg]));
        Image fgRaw = loader.load(*store.sample(ids[fg]));
        const int w = d.background.width, h = d.background.height, c = d.background.channels;
        d.foreground = fitTo(fgRaw, w, h, c);
        CutBox box = drawCutBox(w, h, rng);
        d.lambda = box.lambda;
        d.boxX0 = box.x0;
        d.boxY0 = box.y0;
        d.boxX1 = box.x1;
        d.boxY1 = box.y1;
        d.mixed = d.background;
        for (int y = box.y0; y < box.y1; ++y)
            for (int x = box.x0; x < box.x1; ++x)
                for (int ch = 0; ch < c; ++ch) {
                    size_t o = (size_t(y) * size_t(w) + size_t(x)) * size_t(c) + size_t(ch);
                    d.mixed.pixels[o] = d.foreground.pixels[o];
                }
        pv.draws.push_back(std::move(d));
    }
    return pv;
}

}  // namespace winnow::core
