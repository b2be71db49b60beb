from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "baanbehoud.jobs"
    verbose_name = "Achtergrondtaken"

    def ready(self) -> None:
        # Each app that has long work registers it in its own `jobs` module (as the admin does
        # with `admin` modules): the task queue knows no app, the apps know the queue.
        from django.utils.module_loading import autodiscover_modules

        from . import checks  # noqa: F401  (registers the deploy checks)

        autodiscover_modules("jobs")
