"""Back-office import (with a preview of every change and every row error) and export."""

import base64

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plenary.core.tabular import TableError, read_table, write_csv, write_xlsx
from plenary.directory import imports
from plenary.directory.forms import TableUploadForm

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class TableImportExportAdmin(admin.ModelAdmin):
    table_kind = ""  # "parliaments" or "contacts"
    change_list_template = "directory/admin/change_list_with_import.html"

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name=f"{prefix}_import"),
            path("export/", self.admin_site.admin_view(self.export_view), name=f"{prefix}_export"),
            *super().get_urls(),
        ]

    @property
    def _session_key(self):
        return f"plenary-import-{self.table_kind}"

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        file_format = request.GET.get("format", "csv")
        if file_format not in CONTENT_TYPES:
            file_format = "csv"
        headers, rows = imports.EXPORTERS[self.table_kind]()
        content = write_csv(headers, rows) if file_format == "csv" else write_xlsx(headers, rows)
        response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
        filename = f"plenary-{self.table_kind}-{timezone.now():%Y%m%d}.{file_format}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = TableUploadForm()
        if request.method == "POST" and "apply" in request.POST:
            return self._apply(request)
        if request.method == "POST":
            form = TableUploadForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                content = upload.read()
                try:
                    table = read_table(upload.name, content)
                except TableError as error:
                    form.add_error("file", str(error))
                else:
                    request.session[self._session_key] = {
                        "name": upload.name,
                        "content": base64.b64encode(content).decode(),
                    }
                    return self._render(request, form, imports.PLANNERS[self.table_kind](table))
        return self._render(request, form, None)

    def _apply(self, request):
        stored = request.session.get(self._session_key)
        if not stored:
            messages.error(request, _("Upload the file again: the preview has expired."))
            return redirect(request.path)
        table = read_table(stored["name"], base64.b64decode(stored["content"]))
        try:
            plan = imports.apply(self.table_kind, table, actor=request.user)
        except imports.ImportRefused as refused:
            return self._render(request, TableUploadForm(), refused.plan)
        del request.session[self._session_key]
        messages.success(
            request,
            _("Imported: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
            % {
                "created": plan.count("create"),
                "updated": plan.count("update"),
                "unchanged": plan.count("unchanged"),
            },
        )
        return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"))

    def _render(self, request, form, plan):
        columns = imports.PARLIAMENT_COLUMNS if self.table_kind == "parliaments" else imports.CONTACT_COLUMNS
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import %(things)s") % {"things": self.opts.verbose_name_plural},
            "form": form,
            "plan": plan,
            "columns": columns,
            "changed_rows": [row for row in plan.rows if row.action != "unchanged"] if plan else [],
            "summary": {action: plan.count(action) for action in ("create", "update", "unchanged")}
            if plan
            else {},
        }
        return TemplateResponse(request, "directory/admin/import.html", context)
