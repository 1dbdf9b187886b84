#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include "Logging.h"

namespace lumen::app {

void installTranslators(QCoreApplication& application) {
  const QLocale locale;
  auto* lumen = new QTranslator(&application);
  if (lumen->load(locale, QStringLiteral("lumen"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
    application.installTranslator(lumen);
    qCDebug(lcApp) << "translation" << lumen->filePath();
  }
  auto* qt = new QTranslator(&application);
  if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
               QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    application.installTranslator(qt);
  }
}

}  // namespace lumen::app
