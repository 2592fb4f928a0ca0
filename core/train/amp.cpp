#include "core/train/amp.h"

#include <ATen/autocast_mode.h>
#include <torch/version.h>

namespace winnow::core {

// The autocast switches were renamed in LibTorch 2.4 (device-type arguments); the old names
// are deprecated there, which -Werror would reject.
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
#define WINNOW_AUTOCAST_DEVICE_API 1
#endif

AutocastScope::AutocastScope(bool enable) : m_on(enable) {
    if (!m_on) return;
#ifdef WINNOW_AUTOCAST_DEVICE_API
    at::autocast::set_autocast_dtype(at::kCUDA, at::kBFloat16);
    at::autocast::set_autocast_enabled(at::kCUDA, true);
#else
    at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
    at::autocast::set_enabled(true);
#endif
    at::autocast::increment_nesting();
}

AutocastScope::~AutocastScope() {
    if (!m_on) return;
    if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
#ifdef WINNOW_AUTOCAST_DEVICE_API
    at::autocast::set_autocast_enabled(at::kCUDA, false);
#else
    at::autocast::set_enabled(false);
#endif
}

}  // namespace winnow::core
