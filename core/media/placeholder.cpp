// Replaced by the media decoders.
namespace winnow::core {
int mediaPlaceholder() { return 0; }
}  // namespace winnow::core
