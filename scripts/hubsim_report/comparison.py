def build_sections(ctx):
    raise NotImplementedError
def is_forecast(f):
    return False
