# Seed 003: one Job per work item, from a template expanded by sed (jobs/) and by Jinja (rendered).
kubectl create -f ./jobs
sim advance 20s
kubectl get jobs -l jobgroup=jobexample
kubectl get pods -l jobgroup=jobexample
kubectl logs -l jobgroup=jobexample
kubectl delete job -l jobgroup=jobexample
kubectl apply -f jobs-jinja.yaml
sim advance 20s
kubectl logs -l jobgroup=jobexample
