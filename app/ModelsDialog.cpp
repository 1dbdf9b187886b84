#include "ModelsDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "ModelLibrary.h"

namespace lumen::app {
namespace {

QString taskName(inference::ModelTask task) {
  switch (task) {
    case inference::ModelTask::Classification:
      return ModelsDialog::tr("classification");
    case inference::ModelTask::Segmentation:
      return ModelsDialog::tr("segmentation");
    case inference::ModelTask::Detection:
      return ModelsDialog::tr("detection");
  }
  return {};
}

QString joined(const std::vector<std::string>& values, const QString& none) {
  QStringList list;
  for (const std::string& v : values) list << QString::fromStdString(v);
  return list.isEmpty() ? none : list.join(QStringLiteral(", "));
}

}  // namespace

ModelsDialog::ModelsDialog(ModelLibrary* library, QWidget* parent)
    : QDialog(parent), m_library(library) {
  setWindowTitle(tr("Models"));
  m_list = new QTreeWidget(this);
  m_list->setHeaderLabels({tr("Model"), tr("Version"), tr("Task"), tr("Applies to")});
  m_list->setRootIsDecorated(false);
  m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_message = new QLabel(this);
  m_message->setWordWrap(true);
  m_automatic = new QCheckBox(tr("Run the enabled models on every volume opened"), this);
  auto* installFile = new QPushButton(tr("Install Model File…"), this);
  auto* installBundle = new QPushButton(tr("Install MONAI Bundle…"), this);
  m_remove = new QPushButton(tr("Remove"), this);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);

  auto* row = new QHBoxLayout;
  row->addWidget(installFile);
  row->addWidget(installBundle);
  row->addWidget(m_remove);
  row->addStretch();
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_list);
  layout->addWidget(m_message);
  layout->addLayout(row);
  layout->addWidget(m_automatic);
  layout->addWidget(buttons);
  resize(720, 360);

  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
  connect(installFile, &QPushButton::clicked, this, [this] { chooseModelFile(m_library, this); });
  connect(installBundle, &QPushButton::clicked, this, [this] { chooseBundle(m_library, this); });
  connect(m_remove, &QPushButton::clicked, this, &ModelsDialog::removeSelected);
  connect(m_automatic, &QCheckBox::toggled, m_library, &ModelLibrary::setRunsAutomatically);
  connect(m_list, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item) {
    if (!m_filling)
      m_library->setEnabled(item->data(0, Qt::UserRole).toString(),
                            item->checkState(0) == Qt::Checked);
  });
  connect(m_list, &QTreeWidget::itemSelectionChanged, this,
          [this] { m_remove->setEnabled(!m_list->selectedItems().isEmpty()); });
  // Queued: a check box switched here changes the library, whose list must not be rebuilt while
  // the item is still being edited.
  connect(m_library, &ModelLibrary::changed, this, &ModelsDialog::fill, Qt::QueuedConnection);
  connect(m_library, &ModelLibrary::installed, this,
          [this](const QString& name) { m_message->setText(tr("Installed %1.").arg(name)); });
  connect(
      m_library, &ModelLibrary::installFailed, this,
      [this](const QString& path, const QString& reason) {
        m_message->setText(
            tr("%1 was not installed: %2").arg(QFileInfo(path).fileName(), reason.toHtmlEscaped()));
      });
  fill();
}

void ModelsDialog::fill() {
  m_filling = true;
  m_list->clear();
  for (const InstalledModel& model : m_library->models()) {
    auto* item = new QTreeWidgetItem(m_list);
    item->setData(0, Qt::UserRole, model.path);
    if (!model.package) {
      item->setText(0, QFileInfo(model.path).fileName());
      item->setText(3, tr("Cannot be used: %1").arg(model.error));
      item->setForeground(3, QColor(200, 40, 40));
      item->setToolTip(3, model.error);
      continue;
    }
    const inference::ModelManifest& m = model.package->manifest;
    item->setText(0, QString::fromStdString(m.name));
    item->setText(1, QString::fromStdString(m.version));
    item->setText(2, taskName(m.task));
    item->setText(3, tr("%1; %2").arg(joined(m.modalities, tr("any modality")),
                                      joined(m.bodyParts, tr("any body part"))));
    item->setToolTip(0, QString::fromStdString(m.intendedUse));
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(0, model.enabled ? Qt::Checked : Qt::Unchecked);
  }
  m_automatic->setChecked(m_library->runsAutomatically());
  m_remove->setEnabled(false);
  m_filling = false;
}

void ModelsDialog::removeSelected() {
  const QList<QTreeWidgetItem*> selected = m_list->selectedItems();
  if (selected.isEmpty()) return;
  const QString path = selected.front()->data(0, Qt::UserRole).toString();
  const auto answer = QMessageBox::question(
      this, tr("Remove model"),
      tr("Remove %1 from this computer? Its results stored with the studies are removed too.")
          .arg(selected.front()->text(0)));
  if (answer == QMessageBox::Yes) m_library->remove(path);
}

void ModelsDialog::chooseModelFile(ModelLibrary* library, QWidget* parent) {
  const QString path =
      QFileDialog::getOpenFileName(parent, tr("Install a model"), QString(),
                                   tr("TorchScript models (*.pt *.ts);;All files (*)"));
  if (!path.isEmpty()) library->install(path);
}

void ModelsDialog::chooseBundle(ModelLibrary* library, QWidget* parent) {
  const QString folder =
      QFileDialog::getExistingDirectory(parent, tr("Install a MONAI bundle folder"));
  if (!folder.isEmpty()) library->install(folder);
}

}  // namespace lumen::app
