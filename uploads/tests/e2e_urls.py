"""A bare page with the composer's attachment controls, for driving uploads.js in a browser."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

PAGE = """{% load static %}<!DOCTYPE html>
<html><head><link rel="stylesheet" href="{% static 'css/uploads.css' %}"></head>
<body hx-headers='{"X-CSRFToken": "{{ csrf_token }}"}'>
<form id="composer" class="composer" data-upload-url="{% url 'uploads:upload-create' %}">
  <div class="composer-row">{% include "uploads/composer_controls.html" %}<textarea name="content"></textarea>
  <button type="submit" id="send">Send</button></div>
</form>
</body></html>"""


@login_required
def composer_page(request):
    return HttpResponse(engines["django"].from_string(PAGE).render({}, request))


urlpatterns = [
    path("composer/", composer_page),
    path("files/", include("uploads.urls")),
]
