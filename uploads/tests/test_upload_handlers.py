"""Receiving uploads: in memory, never spooled to a plain file on disk, and an oversized one kept only in part."""

from django.core.files.uploadedfile import InMemoryUploadedFile

from uploads.upload_handlers import BoundedMemoryUploadHandler


def receive(chunks: list[bytes]) -> InMemoryUploadedFile:
    handler = BoundedMemoryUploadHandler()
    handler.new_file("file", "report.pdf", "application/pdf", sum(map(len, chunks)))
    start = 0
    for chunk in chunks:
        assert handler.receive_data_chunk(chunk, start) is None
        start += len(chunk)
    return handler.file_complete(start)


def test_a_file_within_the_limit_is_kept_whole_in_memory(settings):
    settings.UPLOAD_MAX_BYTES = 10
    file = receive([b"%PDF-", b"1.7"])
    assert isinstance(file, InMemoryUploadedFile)
    assert (file.name, file.size, file.read()) == ("report.pdf", 8, b"%PDF-1.7")


def test_an_oversized_file_keeps_its_true_size_and_only_one_byte_past_the_limit(settings):
    settings.UPLOAD_MAX_BYTES = 10
    file = receive([b"a" * 8, b"b" * 8, b"c" * 1000])
    assert file.size == 1016
    assert file.read() == b"a" * 8 + b"bbb"


def test_the_settings_use_it_alone(settings):
    assert settings.FILE_UPLOAD_HANDLERS == ["uploads.upload_handlers.BoundedMemoryUploadHandler"]
