#include "core/retrieval/retrieval_evaluation.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "core/dataset/image_loader.h"
#include "core/retrieval/caption_text.h"
#include "core/store/database.h"
#include "core/store/project.h"
#include "core/util/error.h"

namespace winnow::core {

const char* const kCaptionNormalisationNote =
    "captions normalised as RoCOCO's evaluation: lowercase; . ! \" ( ) * # : ; ~ replaced by spaces; "
    "spaces collapsed; first 30 words";
const char* const kTiesNote =
    "ties count against the ground truth: an item scoring equal to the best ground truth ranks before it, "
    "and an attack item tying with the top-1 is the top-1";

namespace {

std::string numberText(double v) {
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

bool unusable(ImageStatus s) {
    return s == ImageStatus::Missing || s == ImageStatus::NotAFile || s == ImageStatus::Corrupt;
}

// Runs `encode` over `count` items in batches, checking the result's shape; copies rows into
// `out` ([count x dim]).
class BatchRunner {
public:
    BatchRunner(DualEncoder& encoder, const RetrievalEvalOptions& o, int64_t total)
        : m_encoder(encoder), m_options(o), m_progress(o.progress, o.cancel, total, 1) {}

    void checkShape(const Embeddings& e, size_t rows) {
        if (e.rows != int64_t(rows) || e.dim != m_encoder.dim() || e.values.size() != size_t(e.rows * e.dim))
            throw Error("The model " + m_encoder.description() + " returned " + std::to_string(e.rows) + " x " +
                        std::to_string(e.dim) + " embeddings for a batch of " + std::to_string(rows) +
                        " (expected dimension " + std::to_string(m_encoder.dim()) + ")");
    }

    // Images: rows of failed requests are zero and named in `errors`.
    std::vector<float> images(const std::vector<ImageRequest>& requests, std::vector<std::string>& errors,
                              const char* what) {
        const int64_t dim = m_encoder.dim();
        std::vector<float> out(requests.size() * size_t(dim), 0.0f);
        errors.assign(requests.size(), {});
        const size_t batch = size_t(std::max<int64_t>(1, m_options.batchSize));
        for (size_t b = 0; b < requests.size(); b += batch) {
            if (m_options.cancel) m_options.cancel->throwIfCancelled();
            const size_t e = std::min(requests.size(), b + batch);
            std::vector<ImageRequest> part(requests.begin() + long(b), requests.begin() + long(e));
            ImageBatch r = m_options.encodeImages ? m_options.encodeImages(m_encoder, part)
                                                  : encodeImagesDirectly(m_encoder, part);
            checkShape(r.embeddings, part.size());
            for (size_t k = 0; k < part.size(); ++k) {
                if (k < r.errors.size() && !r.errors[k].empty()) {
                    errors[b + k] = r.errors[k];
                    continue;
                }
                std::copy_n(r.embeddings.row(int64_t(k)), dim, out.data() + (b + k) * size_t(dim));
            }
            m_progress.step(int64_t(e - b), what);
        }
        return out;
    }

    std::vector<float> texts(const std::vector<std::string>& captions, int64_t& truncated, const char* what) {
        const int64_t dim = m_encoder.dim();
        std::vector<float> out(captions.size() * size_t(dim), 0.0f);
        const size_t batch = size_t(std::max<int64_t>(1, m_options.batchSize));
        for (size_t b = 0; b < captions.size(); b += batch) {
            if (m_options.cancel) m_options.cancel->throwIfCancelled();
            const size_t e = std::min(captions.size(), b + batch);
            std::vector<std::string> part(captions.begin() + long(b), captions.begin() + long(e));
            TextBatchReport report;
            Embeddings r = m_options.encodeTexts ? m_options.encodeTexts(m_encoder, part, &report)
                                                 : encodeTextsDirectly(m_encoder, part, &report);
            checkShape(r, part.size());
            truncated += report.truncated;
            std::copy(r.values.begin(), r.values.end(), out.begin() + long(b * size_t(dim)));
            m_progress.step(int64_t(e - b), what);
        }
        return out;
    }

    void done(const std::string& m) { m_progress.done(m); }

private:
    DualEncoder& m_encoder;
    const RetrievalEvalOptions& m_options;
    ProgressReporter m_progress;
};

struct CaptionRef {
    int32_t image = -1;    // index into its set's images
    int32_t caption = -1;  // index within the image
};

// One caption attack resolved against the used images.
struct CaptionGallery {
    std::string name;
    int64_t setId = 0;
    std::vector<std::string> texts;  // normalised
    std::vector<CaptionRef> refs;
    std::vector<float> embeddings;
};

struct ImageGallery {
    const ImageAttackInput* attack = nullptr;
    std::vector<CaptionRef> refs;  // (base image, partner)
    std::vector<float> embeddings;
};

std::vector<QueryOutcome> outcomesOf(const RetrievalOutcome& o, const RetrievalOutcome& clean, int64_t baseCount,
                                     const std::function<ItemRef(int32_t)>& baseRef,
                                     const std::function<ItemRef(int32_t)>& attackRef,
                                     const std::function<std::pair<int32_t, int32_t>(size_t)>& query) {
    std::vector<QueryOutcome> out(o.rank.size());
    for (size_t q = 0; q < out.size(); ++q) {
        QueryOutcome& r = out[q];
        std::tie(r.queryImage, r.queryCaption) = query(q);
        r.rank = o.rank[q];
        r.cleanRank = clean.rank[q];
        const int32_t t = o.top1[q];
        r.top1 = t < baseCount ? baseRef(t) : attackRef(int32_t(t - baseCount));
        r.top1Score = o.top1Score[q];
        r.truthScore = o.truthScore[q];
        if (!o.attackBestItem.empty()) {
            r.bestAttack = attackRef(int32_t(o.attackBestItem[q] - baseCount));
            r.bestAttackScore = o.attackBestScore[q];
        } else {
            r.bestAttackScore = std::numeric_limits<float>::quiet_NaN();
        }
    }
    return out;
}

}  // namespace

ImageBatch encodeImagesDirectly(DualEncoder& encoder, const std::vector<ImageRequest>& requests) {
    ImageBatch out;
    out.errors.assign(requests.size(), {});
    std::vector<Image> images;
    std::vector<size_t> loaded;
    for (size_t i = 0; i < requests.size(); ++i) {
        try {
            Image im = requests[i].load();
            if (im.empty()) throw Error(requests[i].key + ": the image is empty");
            images.push_back(std::move(im));
            loaded.push_back(i);
        } catch (const Error& e) {
            out.errors[i] = e.what();
        }
    }
    const int64_t dim = encoder.dim();
    out.embeddings.rows = int64_t(requests.size());
    out.embeddings.dim = dim;
    out.embeddings.values.assign(requests.size() * size_t(dim), 0.0f);
    if (images.empty()) return out;
    const Embeddings e = encoder.encodeImages(images);
    if (e.rows != int64_t(images.size()) || e.dim != dim)
        throw Error("The model " + encoder.description() + " returned " + std::to_string(e.rows) + " x " +
                    std::to_string(e.dim) + " image embeddings for " + std::to_string(images.size()) +
                    " images (expected dimension " + std::to_string(dim) + ")");
    for (size_t k = 0; k < loaded.size(); ++k)
        std::copy_n(e.row(int64_t(k)), dim, out.embeddings.values.data() + loaded[k] * size_t(dim));
    return out;
}

Embeddings encodeTextsDirectly(DualEncoder& encoder, const std::vector<std::string>& captions,
                               TextBatchReport* report) {
    return encoder.encodeTexts(captions, report);
}

RetrievalEvalResult runRetrievalEvaluation(Project& project, DualEncoder& encoder, const RetrievalEvalInput& input,
                                           const RetrievalEvalOptions& options) {
    if (!input.set) throw Error("Retrieval evaluation: no caption set given");
    const CaptionSet& set = *input.set;
    Database& db = project.db();
    const int64_t dim = encoder.dim();
    if (dim <= 0) throw Error("The model " + encoder.description() + " reports no embedding dimension");

    RetrievalEvalResult result;
    const int64_t encoderId = saveEncoder(
        db, {0, encoder.identity(), encoder.description(), dim, encoder.preprocessing().canonical()});
    RetrievalRun run;
    run.setId = input.setId;
    run.encoderId = encoderId;
    run.pairing = input.pairing;
    std::set<int64_t> seeds;
    for (const ImageAttackInput& a : input.imageAttacks) {
        seeds.insert(a.seed);
        if (!run.lambda) run.lambda = a.lambda;
    }
    run.seeds.assign(seeds.begin(), seeds.end());
    run.normalisation = kCaptionNormalisationNote;
    run.ties = kTiesNote;
    result.runId = beginRun(db, run);
    int64_t truncated = 0;

    auto issue = [&](const std::string& item, const std::string& message) {
        result.issues.push_back({item, message});
        addRunIssue(db, result.runId, item, message);
    };

    try {
        // Caption attacks: the set's own adversarial captions first, then the given files.
        std::vector<CaptionAttackInput> captionAttacks;
        if (set.rococoAttack && set.adversarialCaptions() > 0)
            captionAttacks.push_back({input.setAttackName.empty() ? set.file.stem().string() : input.setAttackName,
                                      &set, input.setId});
        captionAttacks.insert(captionAttacks.end(), input.captionAttacks.begin(), input.captionAttacks.end());

        int64_t total = 0;
        for (const CaptionedImage& im : set.images) total += 1 + int64_t(im.groundTruthCount());
        for (const CaptionAttackInput& a : captionAttacks)
            if (a.set) total += int64_t(a.set->adversarialCaptions());
        total += int64_t(input.imageAttacks.size() * set.images.size());
        BatchRunner runner(encoder, options, total);

        // 1. Original images (missing ones excluded up front, undecodable ones after trying).
        std::vector<size_t> candidates;
        for (size_t i = 0; i < set.images.size(); ++i) {
            const CaptionedImage& im = set.images[i];
            if (unusable(im.status)) {
                issue(im.image, "image " + im.path.string() + " is " + imageStatusName(im.status) +
                                    ": left out of the evaluation with its captions");
                ++result.imagesExcluded;
                continue;
            }
            if (im.groundTruthCount() == 0) {
                issue(im.image, "image " + im.image + " has no ground-truth caption: left out of the evaluation");
                ++result.imagesExcluded;
                continue;
            }
            candidates.push_back(i);
        }
        std::vector<ImageRequest> requests;
        for (size_t i : candidates) {
            const std::filesystem::path path = set.images[i].path;
            requests.push_back({path.string(), [path] { return ImageLoader::decodeFile(path); }});
        }
        std::vector<std::string> errors;
        const std::vector<float> candidateEmb = runner.images(requests, errors, "encoding images");
        std::vector<size_t> used;                         // position -> set image index
        std::vector<int32_t> position(set.images.size(), -1);  // set image index -> position
        std::vector<float> imageEmb;
        for (size_t k = 0; k < candidates.size(); ++k) {
            if (!errors[k].empty()) {
                issue(set.images[candidates[k]].image, errors[k] + ": left out of the evaluation with its captions");
                ++result.imagesExcluded;
                continue;
            }
            position[candidates[k]] = int32_t(used.size());
            used.push_back(candidates[k]);
            imageEmb.insert(imageEmb.end(), candidateEmb.begin() + long(k * size_t(dim)),
                            candidateEmb.begin() + long((k + 1) * size_t(dim)));
        }
        result.imagesUsed = int64_t(used.size());
        if (used.empty()) {
            bool unchecked = false;
            for (const CaptionedImage& im : set.images) unchecked |= im.status == ImageStatus::Unchecked;
            throw Error("No image of " + set.file.string() + " could be used: nothing to evaluate" +
                        (result.issues.empty() ? std::string() : " (first: " + result.issues.front().message + ")") +
                        (unchecked ? "; the set was imported without an image folder: import it again with --images "
                                     "naming the folder its image paths are relative to"
                                   : ""));
        }

        // 2. Ground-truth captions of the used images.
        std::vector<std::string> gtTexts;
        std::vector<CaptionRef> gtRefs;
        std::vector<int32_t> captionImage;
        for (size_t p = 0; p < used.size(); ++p) {
            const CaptionedImage& im = set.images[used[p]];
            for (size_t c = 0; c < im.captions.size(); ++c) {
                if (im.captions[c].adversarial) continue;
                gtTexts.push_back(normaliseCaption(im.captions[c].text));
                gtRefs.push_back({int32_t(used[p]), int32_t(c)});
                captionImage.push_back(int32_t(p));
            }
        }
        const std::vector<float> gtEmb = runner.texts(gtTexts, truncated, "encoding captions");

        // 3. Caption attack galleries (adversarial captions of the used images only).
        std::unordered_map<std::string, size_t> byName;
        for (size_t i = 0; i < set.images.size(); ++i) byName.emplace(set.images[i].image, i);
        std::vector<CaptionGallery> captionGalleries;
        for (const CaptionAttackInput& a : captionAttacks) {
            if (!a.set) continue;
            CaptionGallery g;
            g.name = a.name;
            g.setId = a.setId;
            int64_t notInSet = 0;
            for (size_t i = 0; i < a.set->images.size(); ++i) {
                const CaptionedImage& im = a.set->images[i];
                const auto it = byName.find(im.image);
                if (it == byName.end()) {
                    ++notInSet;
                    continue;
                }
                if (position[it->second] < 0) continue;
                for (size_t c = 0; c < im.captions.size(); ++c) {
                    if (!im.captions[c].adversarial) continue;
                    g.texts.push_back(normaliseCaption(im.captions[c].text));
                    g.refs.push_back({int32_t(i), int32_t(c)});
                }
            }
            if (notInSet > 0)
                issue(a.set->file.string(), std::to_string(notInSet) + " images of the attack file " +
                                                a.set->file.string() + " (" + a.name +
                                                ") are not in the evaluated set; their adversarial captions are left out");
            g.embeddings = runner.texts(g.texts, truncated, "encoding adversarial captions");
            captionGalleries.push_back(std::move(g));
        }

        // 4. Image attack galleries (one altered copy per used image).
        std::vector<ImageGallery> imageGalleries;
        for (const ImageAttackInput& a : input.imageAttacks) {
            ImageGallery g;
            g.attack = &a;
            std::vector<ImageRequest> req;
            for (size_t p = 0; p < used.size(); ++p) {
                const size_t i = used[p];
                const std::string key = a.kind + ":" + numberText(a.lambda) + ":" + std::to_string(a.seed) + ":" +
                                        input.pairing + ":" + set.images[i].path.string();
                const auto render = a.render;
                req.push_back({key, [render, i, key]() -> Image {
                                   if (!render) throw Error(key + ": no renderer for this image attack");
                                   return render(i);
                               }});
            }
            std::vector<std::string> errs;
            const std::vector<float> emb = runner.images(req, errs, "encoding altered images");
            for (size_t p = 0; p < used.size(); ++p) {
                if (!errs[p].empty()) {
                    issue(set.images[used[p]].image, errs[p] + ": its " + a.name + " copy (seed " +
                                                         std::to_string(a.seed) + ") is left out of the gallery");
                    continue;
                }
                g.refs.push_back({int32_t(used[p]), a.partner ? a.partner(used[p]) : -1});
                g.embeddings.insert(g.embeddings.end(), emb.begin() + long(p * size_t(dim)),
                                    emb.begin() + long((p + 1) * size_t(dim)));
            }
            imageGalleries.push_back(std::move(g));
        }
        runner.done("evaluating");
        if (options.cancel) options.cancel->throwIfCancelled();

        // 5. Metrics, both directions.
        std::vector<AttackGallery> i2tAttacks;
        for (const CaptionGallery& g : captionGalleries)
            i2tAttacks.push_back({g.name, g.embeddings.data(), int64_t(g.refs.size())});
        const auto i2t = evaluateRetrieval(imageEmb.data(), int64_t(used.size()), gtEmb.data(), int64_t(gtRefs.size()),
                                           dim, imageToTextTruth(captionImage, int64_t(used.size())), i2tAttacks);
        std::vector<AttackGallery> t2iAttacks;
        for (const ImageGallery& g : imageGalleries)
            t2iAttacks.push_back({g.attack->name, g.embeddings.data(), int64_t(g.refs.size())});
        const auto t2i = evaluateRetrieval(gtEmb.data(), int64_t(gtRefs.size()), imageEmb.data(),
                                           int64_t(used.size()), dim, textToImageTruth(captionImage), t2iAttacks);

        // 6. Outcome files, then every row in one transaction.
        const std::filesystem::path dir = project.cacheSubdir("retrieval");
        int fileNo = 0;
        std::vector<std::pair<RetrievalResultRow, std::vector<QueryOutcome>>> rows;
        auto fileName = [&] { return "retrieval/run" + std::to_string(result.runId) + "-" + std::to_string(++fileNo) + ".tsv"; };

        const auto i2tQuery = [&](size_t q) { return std::pair<int32_t, int32_t>(int32_t(used[q]), -1); };
        const auto i2tBase = [&](int32_t b) { return ItemRef{'g', gtRefs[size_t(b)].image, gtRefs[size_t(b)].caption}; };
        for (size_t k = 0; k < i2t.size(); ++k) {
            RetrievalResultRow r;
            r.direction = "i2t";
            r.attack = k == 0 ? "clean" : captionGalleries[k - 1].name;
            r.attackKind = k == 0 ? "clean" : "caption";
            if (k > 0) r.attackSetId = captionGalleries[k - 1].setId;
            r.scores = i2t[k].scores;
            if (k > 0) r.drop = recallDrop(i2t[0].scores, i2t[k].scores);
            const auto attackRef = [&](int32_t j) {
                if (k == 0 || j < 0) return ItemRef{};
                const CaptionRef& c = captionGalleries[k - 1].refs[size_t(j)];
                return ItemRef{'a', c.image, c.caption};
            };
            r.outcomesFile = fileName();
            rows.emplace_back(r, outcomesOf(i2t[k], i2t[0], int64_t(gtRefs.size()), i2tBase, attackRef, i2tQuery));
        }
        const auto t2iQuery = [&](size_t q) { return std::pair<int32_t, int32_t>(gtRefs[q].image, gtRefs[q].caption); };
        const auto t2iBase = [&](int32_t b) { return ItemRef{'g', int32_t(used[size_t(b)]), -1}; };
        std::map<std::string, std::vector<size_t>> perAttackName;  // image attack name -> rows
        for (size_t k = 0; k < t2i.size(); ++k) {
            RetrievalResultRow r;
            r.direction = "t2i";
            if (k == 0) {
                r.attack = r.attackKind = "clean";
            } else {
                const ImageAttackInput& a = *imageGalleries[k - 1].attack;
                r.attack = a.name;
                r.attackKind = a.kind;
                r.seed = a.seed;
                r.lambda = a.lambda;
                r.drop = recallDrop(t2i[0].scores, t2i[k].scores);
                perAttackName[a.name].push_back(rows.size());
            }
            r.scores = t2i[k].scores;
            const auto attackRef = [&](int32_t j) {
                if (k == 0 || j < 0) return ItemRef{};
                const CaptionRef& c = imageGalleries[k - 1].refs[size_t(j)];
                return ItemRef{'a', c.image, c.caption};
            };
            r.outcomesFile = fileName();
            rows.emplace_back(r, outcomesOf(t2i[k], t2i[0], int64_t(used.size()), t2iBase, attackRef, t2iQuery));
        }
        // Mean over seeds per image attack (kept beside the per-seed rows).
        std::vector<RetrievalResultRow> means;
        for (const auto& [name, idx] : perAttackName) {
            RetrievalResultRow m = rows[idx.front()].first;
            m.seed.reset();
            m.outcomesFile.clear();
            RecallScores s;
            s.queries = m.scores.queries;
            for (size_t i : idx) {
                const RecallScores& x = rows[i].first.scores;
                s.r1 += x.r1 / double(idx.size());
                s.r5 += x.r5 / double(idx.size());
                s.r10 += x.r10 / double(idx.size());
                s.fr1 += x.fr1 / double(idx.size());
            }
            m.scores = s;
            m.drop = recallDrop(t2i[0].scores, s);
            means.push_back(m);
        }

        for (auto& [row, outcomes] : rows) writeQueryOutcomes(project.cacheDir() / row.outcomesFile, outcomes);
        (void)dir;
        Transaction tx(db);
        for (auto& [row, outcomes] : rows) {
            row.runId = result.runId;
            row.id = addResult(db, row);
            result.results.push_back(row);
        }
        for (RetrievalResultRow& m : means) {
            m.runId = result.runId;
            m.id = addResult(db, m);
            result.results.push_back(m);
        }
        tx.commit();
        finishRun(db, result.runId, "completed", "", result.imagesUsed, result.imagesExcluded, truncated);
    } catch (const Cancelled&) {
        finishRun(db, result.runId, "cancelled", "cancelled by the user", result.imagesUsed, result.imagesExcluded,
                  truncated);
        throw;
    } catch (const std::exception& e) {
        finishRun(db, result.runId, "failed", e.what(), result.imagesUsed, result.imagesExcluded, truncated);
        throw;
    }
    return result;
}

}  // namespace winnow::core
