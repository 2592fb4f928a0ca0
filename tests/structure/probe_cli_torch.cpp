// Must NOT compile (test structure_no_torch_in_cli_torch): winnow_core, all that winnow-cli
// links, gives no LibTorch include path to the files of app/.
#include <torch/torch.h>
