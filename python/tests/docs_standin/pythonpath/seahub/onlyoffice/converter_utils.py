"""Stand-in of ``seahub/onlyoffice/converter_utils.py`` (the helpers the converter uses):
the name after the last '/', its extension with the dot, lower-cased."""


def get_file_name(file_path):
    return file_path.rsplit("/", 1)[-1]


def get_file_ext(file_path):
    name = get_file_name(file_path)
    return name[name.rfind("."):].lower()
