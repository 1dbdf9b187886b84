#pragma once
// Internal to AnnotationProject: the JSON form of its files (QtCore's JSON).

#include <QJsonObject>
#include <string>

#include "core/annotate/Annotations.h"
#include "core/annotate/LabelSchema.h"

namespace lumen::core {

QJsonObject schemaToJson(const LabelSchema& schema);
/// Throws Error(ReadFailed) with `file` and what is missing or of the wrong kind.
LabelSchema schemaFromJson(const QJsonObject& json, const std::string& file);

QJsonObject annotationsToJson(const SubjectAnnotations& annotations);
/// Throws Error(ReadFailed) with `file` and what is missing or of the wrong kind.
SubjectAnnotations annotationsFromJson(const QJsonObject& json, const std::string& file);

}  // namespace lumen::core
