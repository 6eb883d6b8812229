from django.apps import AppConfig


class ExcelimportConfig(AppConfig):
    name = "socialstyring.web.excelimport"
    label = "excelimport"
    verbose_name = "Excel-import"
