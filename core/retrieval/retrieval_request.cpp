#include "core/retrieval/retrieval_request.h"

#include <deque>
#include <memory>

#include "core/dataset/image_loader.h"
#include "core/retrieval/embedding_cache.h"
#include "core/retrieval/image_attack.h"
#include "core/retrieval/open_encoder.h"
#include "core/retrieval/retrieval_store.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "core/util/invalid_setting.h"

namespace winnow::core {
namespace {

void checkRequest(Database& db, const RetrievalRequest& r) {
    if (!findCaptionSet(db, r.setId)) throw InvalidSetting("there is no caption set " + std::to_string(r.setId));
    if (r.model.empty()) throw InvalidSetting("no model given");
    if (!(r.lambda > 0 && r.lambda < 1)) throw InvalidSetting("λ must lie in (0, 1), got " + std::to_string(r.lambda));
    if (r.pairing != "default" && r.pairing != "paper")
        throw InvalidSetting("pairing must be default or paper, got " + r.pairing);
    for (const auto& k : r.imageAttacks)
        if (!parseImageAttackKind(k)) throw InvalidSetting("unknown image attack " + k + " (mix or patch)");
    if (!r.imageAttacks.empty() && r.seeds.empty()) throw InvalidSetting("image attacks need at least one seed");
    for (int64_t s : r.seeds)
        if (s < 0) throw InvalidSetting("seeds must be >= 0, got " + std::to_string(s));
    if (r.batchSize < 1) throw InvalidSetting("the batch size must be at least 1");
}

// Encodes through the embedding cache: original images are keyed by their content (a moved
// file still hits), captions by their text. Altered copies are rendered and encoded each time
// (their pixels depend on the whole plan), so they are never cached.
struct CachedEncoding {
    EmbeddingCache* cache = nullptr;

    ImageBatch images(DualEncoder& encoder, const std::vector<ImageRequest>& requests) const {
        std::vector<std::string> keys(requests.size());
        std::vector<size_t> todo;
        ImageBatch out;
        out.embeddings.dim = encoder.dim();
        out.embeddings.rows = int64_t(requests.size());
        out.embeddings.values.assign(requests.size() * size_t(encoder.dim()), 0.0f);
        out.errors.assign(requests.size(), {});
        for (size_t i = 0; i < requests.size(); ++i) {
            std::error_code ec;
            if (std::filesystem::is_regular_file(requests[i].key, ec)) {
                try {
                    keys[i] = EmbeddingCache::imageFileKey(requests[i].key);
                } catch (const Error&) {
                    keys[i].clear();  // unreadable: the direct path reports it
                }
            }
            if (const float* row = keys[i].empty() ? nullptr : cache->find(keys[i]))
                std::copy(row, row + encoder.dim(), out.embeddings.values.begin() + long(i) * encoder.dim());
            else
                todo.push_back(i);
        }
        if (todo.empty()) return out;
        std::vector<ImageRequest> part;
        for (size_t i : todo) part.push_back(requests[i]);
        const ImageBatch fresh = encodeImagesDirectly(encoder, part);
        for (size_t k = 0; k < todo.size(); ++k) {
            const size_t i = todo[k];
            out.errors[i] = fresh.errors[k];
            const float* row = fresh.embeddings.row(int64_t(k));
            std::copy(row, row + encoder.dim(), out.embeddings.values.begin() + long(i) * encoder.dim());
            if (fresh.errors[k].empty() && !keys[i].empty()) cache->put(keys[i], row);
        }
        return out;
    }

    Embeddings texts(DualEncoder& encoder, const std::vector<std::string>& captions, TextBatchReport* report) const {
        Embeddings out;
        out.dim = encoder.dim();
        out.rows = int64_t(captions.size());
        out.values.assign(captions.size() * size_t(encoder.dim()), 0.0f);
        std::vector<std::string> todo;
        std::vector<size_t> where;
        for (size_t i = 0; i < captions.size(); ++i) {
            if (const float* row = cache->find(EmbeddingCache::captionKey(captions[i])))
                std::copy(row, row + encoder.dim(), out.values.begin() + long(i) * encoder.dim());
            else {
                todo.push_back(captions[i]);
                where.push_back(i);
            }
        }
        if (todo.empty()) return out;
        const Embeddings fresh = encodeTextsDirectly(encoder, todo, report);
        for (size_t k = 0; k < todo.size(); ++k) {
            const float* row = fresh.row(int64_t(k));
            std::copy(row, row + encoder.dim(), out.values.begin() + long(where[k]) * encoder.dim());
            cache->put(EmbeddingCache::captionKey(todo[k]), row);
        }
        return out;
    }
};

}  // namespace

void useEmbeddingCache(RetrievalEvalOptions& options, EmbeddingCache& cache) {
    CachedEncoding cached{&cache};
    options.encodeImages = [cached](DualEncoder& e, const std::vector<ImageRequest>& r) { return cached.images(e, r); };
    options.encodeTexts = [cached](DualEncoder& e, const std::vector<std::string>& c, TextBatchReport* rep) {
        return cached.texts(e, c, rep);
    };
}

RetrievalEvalResult runRetrievalRequest(Project& project, const RetrievalRequest& request, const ProgressFn& progress,
                                        const CancelToken* cancel) {
    Database& db = project.db();
    checkRequest(db, request);
    const auto info = findCaptionSet(db, request.setId);
    const auto set = std::make_shared<const CaptionSet>(loadStoredCaptionSet(db, request.setId));
    auto encoder = openDualEncoder(request.model, request.preprocessing);

    std::deque<CaptionSet> attackSets;  // stable addresses for CaptionAttackInput::set
    RetrievalEvalInput input;
    input.setId = request.setId;
    input.set = set.get();
    input.setAttackName = info->attackName();
    input.pairing = request.pairing;
    for (int64_t id : request.captionAttackSets) {
        const auto attack = findCaptionSet(db, id);
        if (!attack) throw InvalidSetting("there is no caption set " + std::to_string(id) + " to attack with");
        if (!attack->rococo || attack->adversarialCaptions == 0)
            throw InvalidSetting("caption set " + std::to_string(id) + " (" + attack->name +
                                 ") has no adversarial captions: it is not a RoCOCO attack file");
        attackSets.push_back(loadStoredCaptionSet(db, id));
        input.captionAttacks.push_back({attack->attackName(), &attackSets.back(), id});
    }
    for (const auto& kindName : request.imageAttacks) {
        for (int64_t seed : request.seeds) {
            ImageAttackOptions o;
            o.kind = *parseImageAttackKind(kindName);
            o.pairing = *parseImagePairing(request.pairing);
            o.lambda = request.lambda;
            o.seed = uint64_t(seed);
            o.squareSize = encoder->preprocessing().image.size;
            auto plan = std::make_shared<const std::vector<AlteredImage>>(planImageAttack(set->images.size(), o));
            ImageAttackInput a;
            a.name = kindName;
            a.kind = kindName;
            a.lambda = request.lambda;
            a.seed = seed;
            a.render = [set, plan](size_t i) {
                const AlteredImage& p = (*plan)[i];
                return renderAlteredImage(ImageLoader::decodeFile(set->images[p.base].path),
                                          ImageLoader::decodeFile(set->images[p.partner].path), p);
            };
            a.partner = [plan](size_t i) { return int32_t((*plan)[i].partner); };
            input.imageAttacks.push_back(std::move(a));
        }
    }

    RetrievalEvalOptions options;
    options.batchSize = request.batchSize;
    options.progress = progress;
    options.cancel = cancel;
    std::unique_ptr<EmbeddingCache> cache;
    if (request.useCache) {
        cache = std::make_unique<EmbeddingCache>(project.cacheDir() / "retrieval" / "embeddings", *encoder);
        useEmbeddingCache(options, *cache);
    }
    RetrievalEvalResult result = runRetrievalEvaluation(project, *encoder, input, options);
    if (cache) cache->flush();
    return result;
}

}  // namespace winnow::core
