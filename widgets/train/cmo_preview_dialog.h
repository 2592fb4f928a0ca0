#pragma once
#include <QDialog>
#include <QImage>
#include <QList>
#include <QStringList>
#include <QVector>
#include <filesystem>

#include "core/train/train_config.h"

class QCPBarsGroup;
class QCustomPlot;
class QGridLayout;
class QLabel;
class QPushButton;
class QSpinBox;

namespace winnow::widgets {

// CMO preview (METHODS §10): a grid of seeded draws, each showing background (from P),
// foreground (from Q), the mixed image, λ and both labels, plus a bar chart of the class
// frequencies of P and Q. Draws are computed off the GUI thread with a read-only project
// connection; the same seed always shows the same draws, "New draw" moves to the next seed.
class CmoPreviewDialog : public QDialog {
    Q_OBJECT
public:
    CmoPreviewDialog(const std::filesystem::path& projectFile, const core::TrainConfig& cfg,
                     QWidget* parent = nullptr);
    ~CmoPreviewDialog() override;

    void setSeed(int seed);  // recomputes
    int seed() const;
    void setCount(int count);
    bool busy() const { return m_pending > 0; }

    // What is shown, for tests.
    QVector<double> lambdas() const { return m_lambdas; }
    QList<QImage> mixedImages() const { return m_mixed; }
    QStringList labelTexts() const { return m_labelTexts; }
    QVector<double> pFrequencies() const { return m_p; }
    QVector<double> qFrequencies() const { return m_q; }
    QString errorText() const;

Q_SIGNALS:
    void drawn();  // a draw (or its error) is on screen

public Q_SLOTS:
    void redraw();
    void newDraw();

private:
    struct Result;
    void showResult(const Result& r);
    QWidget* cell(const Result& r, int i);

    std::filesystem::path m_file;
    core::TrainConfig m_cfg;
    QSpinBox* m_seed;
    QSpinBox* m_count;
    QPushButton* m_newDraw;
    QLabel* m_status;
    QWidget* m_gridHost;
    QGridLayout* m_grid;
    QCustomPlot* m_freq;
    QCPBarsGroup* m_group;
    int m_generation = 0;
    int m_pending = 0;
    QVector<double> m_lambdas, m_p, m_q;
    QList<QImage> m_mixed;
    QStringList m_labelTexts;
};

}  // namespace winnow::widgets
