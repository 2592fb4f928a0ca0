#pragma once
#include <QSize>

class QWidget;

namespace winnow::widgets {

// `wanted`, shrunk to fit the available area of the screen `w` is on (or the primary
// screen), so a window opens whole on a 1366×768 laptop (issue 16).
QSize fitToScreen(const QWidget* w, QSize wanted);

}  // namespace winnow::widgets
