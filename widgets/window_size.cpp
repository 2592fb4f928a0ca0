#include "widgets/window_size.h"

#include <QGuiApplication>
#include <QScreen>
#include <QWidget>

namespace winnow::widgets {

QSize fitToScreen(const QWidget* w, QSize wanted) {
    const QScreen* screen = w && w->screen() ? w->screen() : QGuiApplication::primaryScreen();
    if (!screen) return wanted;
    // Leave room for the window frame and title bar, which the available area includes.
    const QSize room = screen->availableGeometry().size() - QSize(16, 48);
    return wanted.boundedTo(room.expandedTo(QSize(320, 240)));
}

}  // namespace winnow::widgets
