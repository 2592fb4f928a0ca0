// Replaced by the first widget.
namespace winnow::widgets {
int widgetsPlaceholder() { return 0; }
}  // namespace winnow::widgets
