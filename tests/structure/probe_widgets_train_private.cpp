// Must NOT compile (test structure_no_torch_in_widgets_train_private): core/train's
// torch-including headers are on core's private include path only.
#include "train_private/net.h"
