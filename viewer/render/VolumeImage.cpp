#include "render/VolumeImage.h"

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkDataArray.h>
#include <vtkImageData.h>
#include <vtkMatrix4x4.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkSmartPointer.h>
#include <vtkType.h>

namespace lumen::render {
namespace {

int vtkTypeOf(core::PixelType type) {
  switch (type) {
    case core::PixelType::UInt8:
      return VTK_UNSIGNED_CHAR;
    case core::PixelType::Int8:
      return VTK_SIGNED_CHAR;
    case core::PixelType::UInt16:
      return VTK_UNSIGNED_SHORT;
    case core::PixelType::Int16:
      return VTK_SHORT;
    case core::PixelType::UInt32:
      return VTK_UNSIGNED_INT;
    case core::PixelType::Int32:
      return VTK_INT;
    case core::PixelType::Float32:
      return VTK_FLOAT;
    case core::PixelType::Float64:
      break;
  }
  return VTK_DOUBLE;
}

}  // namespace

struct VolumeImage::Impl {
  vtkNew<vtkImageData> image;
  vtkNew<vtkMatrix4x4> gridToWorld;
};

VolumeImage::VolumeImage(std::shared_ptr<const core::Volume> volume)
    : m_volume(std::move(volume)), m_impl(std::make_unique<Impl>()) {
  const core::VolumeGeometry& g = m_volume->geometry();
  m_impl->image->SetDimensions(static_cast<int>(g.size[0]), static_cast<int>(g.size[1]),
                               static_cast<int>(g.size[2]));
  m_impl->image->SetSpacing(g.spacing.data());
  m_impl->image->SetOrigin(0.0, 0.0, 0.0);

  auto scalars = vtkSmartPointer<vtkDataArray>::Take(
      vtkDataArray::CreateDataArray(vtkTypeOf(m_volume->pixelType())));
  scalars->SetNumberOfComponents(m_volume->components());
  scalars->SetName("voxels");
  // save = 1: VTK never frees the buffer. The array itself keeps the Volume alive, through an
  // observer that owns a reference, so a mapper that outlives this object never reads freed memory.
  scalars->SetVoidArray(const_cast<void*>(m_volume->data()),
                        static_cast<vtkIdType>(m_volume->sampleCount()), 1);
  vtkNew<vtkCallbackCommand> keepAlive;
  keepAlive->SetClientData(new std::shared_ptr<const core::Volume>(m_volume));
  keepAlive->SetClientDataDeleteCallback(
      [](void* volume) { delete static_cast<std::shared_ptr<const core::Volume>*>(volume); });
  keepAlive->SetCallback([](vtkObject*, unsigned long, void*, void*) {});
  scalars->AddObserver(vtkCommand::DeleteEvent, keepAlive);
  m_impl->image->GetPointData()->SetScalars(scalars);

  for (int row = 0; row < 3; ++row) {
    for (int col = 0; col < 3; ++col) {
      m_impl->gridToWorld->SetElement(row, col, g.direction[row][col]);
    }
    m_impl->gridToWorld->SetElement(row, 3, g.origin[row]);
  }
}

VolumeImage::~VolumeImage() = default;

vtkImageData* VolumeImage::imageData() const { return m_impl->image; }

vtkMatrix4x4* VolumeImage::gridToWorld() const { return m_impl->gridToWorld; }

}  // namespace lumen::render
