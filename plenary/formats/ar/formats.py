# UN Arabic documents write numbers with Western digits and a decimal point (8.29, 0.3 %);
# Django's Arabic locale uses a decimal comma, which reads as a thousands separator there.
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
