#include "widgets/sample_grid_view.h"

#include "widgets/sample_grid_model.h"
#include "widgets/thumbnail_delegate.h"

namespace winnow::widgets {

SampleGridView::SampleGridView(int thumbSide, QWidget* parent)
    : QListView(parent), m_delegate(new ThumbnailDelegate(thumbSide, this)) {
    // ListMode with wrapping draws the same grid as IconMode, but IconMode keeps a layout
    // record and spatial tree entry for every row (free item movement), which costs seconds
    // and hundreds of MB at a million rows. ListMode + uniform sizes computes positions.
    setViewMode(QListView::ListMode);
    setFlow(QListView::LeftToRight);
    setWrapping(true);
    setResizeMode(QListView::Adjust);
    setMovement(QListView::Static);
    setUniformItemSizes(true);
    setLayoutMode(QListView::Batched);
    setBatchSize(20000);
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

qint64 SampleGridView::currentSampleId() const {
    const QModelIndex i = currentIndex();
    return i.isValid() ? i.data(SampleGridModel::SampleIdRole).toLongLong() : -1;
}

}  // namespace winnow::widgets
