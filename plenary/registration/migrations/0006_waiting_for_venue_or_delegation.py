# A waitlisted registration waits either for a seat at the venue or for a place in its
# delegation's limit; the rows already waiting are told apart by the limit they meet.

from django.db import migrations, models


def limit_key(registration):
    if registration.mode == "online":
        return "online"
    return "onsite_mps" if registration.kind == "mp" else "onsite_others"


def sort_waiting_registrations(apps, schema_editor):
    Registration = apps.get_model("registration", "Registration")
    TrackCapacity = apps.get_model("registration", "TrackCapacity")
    for registration in Registration.objects.filter(status="waitlisted"):
        key = limit_key(registration)
        capacity = TrackCapacity.objects.filter(track_id=registration.track_id).first()
        limit = getattr(capacity, f"{key}_per_delegation", None)
        held = Registration.objects.filter(
            delegation_id=registration.delegation_id, status="confirmed", mode=registration.mode
        )
        if key != "online":
            held = held.filter(kind="mp") if key == "onsite_mps" else held.exclude(kind="mp")
        at_limit = limit is not None and held.count() >= limit
        registration.waiting_for = "delegation" if at_limit or key == "online" else "venue"
        registration.save(update_fields=["waiting_for"])


class Migration(migrations.Migration):

    dependencies = [
        ('registration', '0005_link_versions'),
    ]

    operations = [
        migrations.AddField(
            model_name='registration',
            name='waiting_for',
            field=models.CharField(blank=True, choices=[('', 'Not waiting'), ('venue', 'a seat at the venue'), ('delegation', "a place in the delegation's limit")], default='', editable=False, max_length=10, verbose_name='waiting for'),
        ),
        migrations.RunPython(sort_waiting_registrations, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='registration',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'waitlisted'), ('waiting_for__in', ['venue', 'delegation'])), models.Q(models.Q(('status', 'waitlisted'), _negated=True), ('waiting_for', '')), _connector='OR'), name='registration_waits_in_one_queue'),
        ),
    ]
