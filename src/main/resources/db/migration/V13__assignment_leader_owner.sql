-- An item's responsible leader (责任领导, the 分管领导) and the person responsible in the lead unit
-- (责任人): part of its assignment, printed in the 台账. Free text, as 督查台账 write them.
alter table assignment add column leader text check (char_length(leader) <= 100);
alter table assignment add column owner text check (char_length(owner) <= 100);
