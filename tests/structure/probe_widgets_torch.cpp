// Must NOT compile (test structure_no_torch_in_widgets_torch): winnow_widgets gives no
// LibTorch include path, so a widget cannot include torch (Qt's `slots` macro clashes with it).
#include <torch/torch.h>
