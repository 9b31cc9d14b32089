from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from koers.organisations.models import Programme


def home(request: HttpRequest) -> HttpResponse:
    programmes = Programme.objects.public().select_related("council")
    return render(request, "core/home.html", {"programmes": programmes})
