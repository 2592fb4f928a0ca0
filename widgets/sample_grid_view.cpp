#include "widgets/sample_grid_view.h"

#include "widgets/review/clip_frame_loader.h"
#include "widgets/review/clip_hover_scrubber.h"
#include "widgets/sample_grid_model.h"
#include "widgets/thumbnail_delegate.h"

namespace winnow::widgets {

SampleGridView::SampleGridView(int thumbSide, QWidget* parent)
    : QListView(parent), m_delegate(new ThumbnailDelegate(thumbSide, this)) {
    // IconMode keeps a small layout record per row (about 60 bytes at a million rows); with
    // uniform sizes and static movement it is laid out in large batches off the first paint,
    // and bench/grid_bench measured it no slower than a wrapping ListMode (RESULTS.md).
    setViewMode(QListView::IconMode);
    setMovement(QListView::Static);
    setFlow(QListView::LeftToRight);
    setWrapping(true);
    setResizeMode(QListView::Adjust);
    setUniformItemSizes(true);
    setLayoutMode(QListView::Batched);
    setBatchSize(20000);
    setDragEnabled(false);
    setSpacing(3);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setItemDelegate(m_delegate);
    setMouseTracking(false);
}

void SampleGridView::setGridModel(SampleGridModel* model) {
    m_model = model;
    setModel(model);
    connect(selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                Q_EMIT currentSampleChanged(
                    current.isValid() ? current.data(SampleGridModel::SampleIdRole).toLongLong()
                                      : -1);
            });
}

void SampleGridView::setClipProject(const std::filesystem::path& projectFile) {
    if (!m_clipFrames) {
        m_clipFrames = new ClipFrameLoader(256, this);
        m_delegate->setClipScrubber(new ClipHoverScrubber(this, m_clipFrames, SampleGridModel::SampleIdRole,
                                                          SampleGridModel::KindRole));
    }
    try {
        m_clipFrames->open(projectFile);
    } catch (const std::exception&) {
        // No scrubbing then; the grid itself reports a project it cannot read.
    }
}

qint64 SampleGridView::currentSampleId() const {
    const QModelIndex i = currentIndex();
    return i.isValid() ? i.data(SampleGridModel::SampleIdRole).toLongLong() : -1;
}

}  // namespace winnow::widgets
