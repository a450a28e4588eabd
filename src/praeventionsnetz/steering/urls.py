from praeventionsnetz.steering.views import activity, committees, measures, meetings

app_name = "steering"

urlpatterns = [
    *committees.urlpatterns,
    *meetings.urlpatterns,
    *activity.urlpatterns,
    *measures.urlpatterns,
]
