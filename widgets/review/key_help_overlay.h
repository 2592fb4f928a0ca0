#pragma once
#include <QFrame>
#include <QPointer>
#include <QList>
#include <QString>

class QLabel;

namespace winnow::widgets {

// One row of the keyboard help: the key(s) as shown, and what they do.
struct KeyHelpEntry {
    QString keys;
    QString what;
};

// An action's or tab's text without its mnemonic: "&Close" and "닫기(&C)" both lose the
// marker ("(&C)" as a whole); "&&" becomes "&".
QString withoutMnemonic(const QString& actionText);

// A translucent sheet over its parent listing keys in sections ("?" / F1 open it). It is
// filled from the views' own key tables, so it lists exactly the keys that work. Any key
// or click closes it.
class KeyHelpOverlay : public QFrame {
    Q_OBJECT
public:
    explicit KeyHelpOverlay(QWidget* parent);
    void setSections(const QList<std::pair<QString, QList<KeyHelpEntry>>>& sections);
    QString text() const;
    // Shows it over the whole parent and takes the keyboard focus.
    void popup();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void keyPressEvent(QKeyEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;

private:
    void dismiss();
    QLabel* m_text;
    QPointer<QWidget> m_previousFocus;
};

}  // namespace winnow::widgets
