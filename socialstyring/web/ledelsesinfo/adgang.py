"""Who may see an agreement's management information: its secretariat always; its readers and
operator staff once both years' catalogues are published (`register.adgang.kan_se_ledelsesinfo`,
which needs the pair of years and is asked directly); another agreement's users get 404."""
