// Replaced by the influence engine.
namespace winnow::core {
int influencePlaceholder() { return 0; }
}  // namespace winnow::core
