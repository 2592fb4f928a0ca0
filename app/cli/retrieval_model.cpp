#include "app/cli/retrieval_model.h"

#include "core/retrieval/open_encoder.h"

namespace winnow::cli {

std::unique_ptr<core::DualEncoder> openEncoder(const std::string& model, const std::string& preprocessing) {
    return core::openDualEncoder(model, preprocessing);
}

}  // namespace winnow::cli
